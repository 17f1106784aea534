/*
 * commands.c - the command table: name, function, one-line help, usage.
 */
#include "tt/cli/cli.h"

int cmd_help(int argc, char **argv);
int cmd_calc(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_lock(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_diff(int argc, char **argv);

const tt_command tt_commands[] = {
	{ "calc", cmd_calc, "one computation from numbers on the command line",
	  "tt calc KIND ARGS [--json]",
	  "Values are comma-separated lists (1.2,3.4,5).  --json prints one JSON object.\n\n"
	  "kinds:\n"
	  "  tt calc describe VALUES\n"
	  "  tt calc tost --ref V --test V --margin X [--margin-type absolute|sigma|percent|ratio]\n"
	  "               [--variance welch|pooled] [--alpha A] [--paired]\n"
	  "  tt calc qr --ref V --test V [--k K] [--min-fraction F]\n"
	  "  tt calc ti VALUES [--content P] [--confidence G] [--sides 1|2]\n"
	  "             [--method exact|howe|nonparametric]\n"
	  "  tt calc f2 --ref V --test V\n"
	  "  tt calc power --sd S --margin D --diff d --n-ref N --n-test M [--alpha A]\n"
	  "  tt calc samplesize --sd S --margin D --diff d --power P [--alpha A]\n"
	  "  tt calc normality VALUES\n"
	  "  tt calc varratio --ref V --test V [--alpha A]\n\n"
	  "Exit status: 0, or 2 on bad input.\n" },
	{ "check", cmd_check, "validate process specs and studies without computing",
	  "tt check FILE.yaml...",
	  "Each FILE is a process spec or a study; a study's specs and data files\n"
	  "are checked too.  Every problem is printed as FILE:LINE:COLUMN: error: ...\n"
	  "Exit status: 0 valid, 2 invalid.\n" },
	{ "diff", cmd_diff, "process gap analysis between two sites, each difference risk-ranked",
	  "tt diff SOURCE_SPEC.yaml RECEIVING_SPEC.yaml [--format md,json]",
	  "Compares two process specs by id: site, steps (added, removed, reordered),\n"
	  "parameters (target, range, unit, class, affects), equipment, materials\n"
	  "(supplier, grade) and attributes (spec, unit, method, scale, criticality).\n"
	  "Targets and ranges are compared in the source's unit, so 48 h and 2880 min\n"
	  "are the same target.  Each difference is scored for risk (ICH Q9, FMEA:\n"
	  "severity x occurrence x detectability) by the rule printed with the output,\n"
	  "and the attributes the differences can move are listed.\n\n"
	  "options:\n"
	  "  -f, --format md|json   Markdown (default) or JSON, on stdout\n\n"
	  "Exit status: 0 (also when the processes differ), 2 bad input or usage.\n" },
	{ "help", cmd_help, "show the commands, or one command's options", "tt help [COMMAND]",
	  "" },
	{ "lock", cmd_lock, "fix the acceptance criteria before the data (writes STUDY.lock)",
	  "tt lock STUDY.yaml [--force]",
	  "Records the SHA-256 of the study and both process specs (not the data) in\n"
	  "STUDY.lock beside the study.  tt run then refuses the study, naming the file,\n"
	  "if any of them changed, and the report says when the study was locked.\n"
	  "An existing lock is replaced only with --force.\n" },
	{ "run", cmd_run, "run a comparability study and write its reports",
	  "tt run STUDY.yaml [-o DIR] [--format html,md,json] [--seed N] [--no-plots] [--force]",
	  "Writes DIR/report.html, DIR/report.md, DIR/report.json and DIR/plots/*.svg\n"
	  "(DIR defaults to reports/STUDY_ID).  An existing report is replaced only with\n"
	  "--force; a failed run leaves nothing behind.\n\n"
	  "options:\n"
	  "  -o, --output DIR   where to write the report\n"
	  "  --format LIST      html,md,json (default all three)\n"
	  "  --seed N           the seed for resampling (overrides the study's)\n"
	  "  --no-plots         no figures (and no need for gnuplot)\n"
	  "  --force            replace an existing report\n\n"
	  "Exit status: 0 comparable, 1 not comparable or inconclusive, 2 bad input,\n"
	  "3 environment or internal error.\n" },
	{ "verify", cmd_verify, "recompute a report's input checksums and results",
	  "tt verify REPORT_DIR [--base DIR]",
	  "Recomputes the SHA-256 of every input a report names and runs its study again\n"
	  "with the recorded seed, then says whether all still match and what changed.\n"
	  "Relative paths in a report are relative to the folder tt run was started in:\n"
	  "run tt verify from there, or name it with --base DIR.\n\n"
	  "Exit status: 0 match, 1 differ, 2 not a report folder.\n" },
};

const size_t tt_command_count = sizeof tt_commands / sizeof tt_commands[0];
