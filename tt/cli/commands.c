/*
 * commands.c - the command table: name, function, one-line help, usage.
 */
#include "tt/cli/cli.h"

int cmd_help(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_calc(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_lock(int argc, char **argv);
int cmd_plan(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_sign(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_diff(int argc, char **argv);

const tt_command tt_commands[] = {
	{ "audit", cmd_audit, "print a study's audit trail and check its chain",
	  "tt audit STUDY.yaml",
	  "Prints STUDY.audit, the trail tt lock, tt run, tt sign and tt verify append to\n"
	  "beside the study: one line per entry with its number, time, user, exit status\n"
	  "and command line.  Each entry is a JSON line holding also the host, the tt\n"
	  "version and the SHA-256 of its executable, the SHA-256 of every file the\n"
	  "command read and wrote, and prev, the SHA-256 of the line before it.  tt audit\n"
	  "checks that chain: a line edited, removed or inserted shows at the line after\n"
	  "it, a cut last line at that line.  The newest line edited or removed, or the\n"
	  "whole file replaced, cannot show: keep a copy elsewhere.\n\n"
	  "tt verify adds its entry only to a trail that exists.  The trail is never\n"
	  "rewritten; a symbolic link at its path is refused.\n\n"
	  "Exit status: 0 intact (or no trail yet), 1 the chain is broken (the first\n"
	  "broken line is named), 2 bad usage or a trail that cannot be read.\n" },
	{ "calc", cmd_calc, "one computation from numbers on the command line",
	  "tt calc KIND ARGS [--json]",
	  "Values are comma-separated lists (1.2,3.4,5).  --json prints one JSON object.\n\n"
	  "kinds:\n"
	  "  tt calc describe VALUES\n"
	  "  tt calc tost --ref V --test V --margin X [--margin-type "
	  "absolute|sigma|percent|ratio]\n"
	  "               [--variance welch|pooled] [--alpha A] [--paired]\n"
	  "  tt calc qr --ref V --test V [--k K] [--min-fraction F]\n"
	  "  tt calc ti VALUES [--content P] [--confidence G] [--sides 1|2]\n"
	  "             [--method exact|howe|nonparametric]\n"
	  "  tt calc f2 --ref V --test V\n"
	  "  tt calc power --sd S --margin D --diff d --n-ref N --n-test M [--alpha A]\n"
	  "  tt calc samplesize --sd S --margin D --diff d --power P [--alpha A]\n"
	  "  tt calc normality VALUES\n"
	  "  tt calc varratio --ref V --test V [--alpha A]\n"
	  "  tt calc msd --ref M --test M [--region-level Q] [--limit L]\n"
	  "  tt calc f2-bootstrap --ref M --test M [--bootstrap B] [--seed N]\n"
	  "  tt calc stability --ref FILE --test FILE [--slope-margin M] [--alpha A]\n"
	  "                    [--spec-min X] [--spec-max X]\n\n"
	  "M is a matrix of lots by time points: lots separated by ';', values by ','\n"
	  "(\"49,86,98;15,59,96\").  FILE is a long-form CSV: lot,time,value.\n\n"
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
	{ "lock", cmd_lock, "fix the acceptance criteria before the data (appends to STUDY.lock)",
	  "tt lock STUDY.yaml [--reason TEXT]",
	  "Appends an entry to STUDY.lock beside the study: the time, the user, the\n"
	  "SHA-256 of the acceptance criteria (the study without its exclude list, in a\n"
	  "canonical form that comments and layout do not change, and both process\n"
	  "specs), the state of every data file the study names (absent, or its\n"
	  "SHA-256), the excluded lots, the reason, and the SHA-256 of the entry before.\n"
	  "The data files need not exist: lock before they do.\n\n"
	  "tt run then refuses the study, naming what changed, if its criteria are not\n"
	  "those of the newest entry; the exclude list may change without a new lock.\n"
	  "The report says the criteria were locked before the data only when every\n"
	  "data file was absent when they were fixed, and lists every lock.\n\n"
	  "The file is never rewritten: every entry after the first needs its reason.\n"
	  "A lock file of an earlier tt (YAML) is read as the first entry, whose data\n"
	  "states are not known, and a new entry is appended after its bytes.  A\n"
	  "symbolic link at STUDY.lock is refused.\n\n"
	  "options:\n"
	  "  --reason TEXT   why the study is locked again (required after the first lock)\n"
	  "  --force         refused: a lock is never replaced; give --reason\n\n"
	  "Exit status: 0 locked, 2 bad input, no reason for a re-lock, or a lock history\n"
	  "whose chain is broken (the line is named), 3 environment error.\n" },
	{ "plan", cmd_plan, "pass probabilities, lot counts and operating characteristics",
	  "tt plan STUDY.yaml [--format md,html,json] [-o DIR] [--seed N] [--no-plots] [--force]\n"
	  "       tt plan --approach APPROACH [RULE OPTIONS] [--n-source A..B] [--n-receiving "
	  "A..B]",
	  "With a study: for every comparison, the probability that it passes as written\n"
	  "when the receiving process truly equals the source (true sd from the source\n"
	  "lots, or from the study's plan block), counting the randomness of every\n"
	  "estimated quantity; the same under true differences of 0.25, 0.5 and 1 sd and\n"
	  "an sd ratio of 1.5; the patient's risk (pass probability when the true\n"
	  "difference is the margin); the equal lot count per site that reaches 80%;\n"
	  "and the whole study's probability of passing.  Exact where a formula exists,\n"
	  "otherwise a seeded simulation with its Monte Carlo error.\n\n"
	  "One Markdown plan (or JSON with --format json) goes to stdout.  With -o, html\n"
	  "or several formats the plan is a folder (default reports/STUDY_ID-plan):\n"
	  "plan.md, plan.html and plan.json, with operating characteristic curves in\n"
	  "plots/ (drawn by gnuplot; --no-plots for none).\n\n"
	  "options:\n"
	  "  -f, --format LIST    md, json or html (a folder for html or several)\n"
	  "  -o, --output DIR     write the plan folder there\n"
	  "  --seed N             the seed of the simulations (overrides the study's)\n"
	  "  --mc-error E         the largest Monte Carlo error (default 0.002)\n"
	  "  --threads N          simulation threads (default: every core; results\n"
	  "                       do not depend on it)\n"
	  "  --simulate           simulate even where a formula exists (a cross-check)\n"
	  "  --no-plots, --force  as for tt run\n\n"
	  "Without a study, the grid of pass probabilities (rows n_source, columns\n"
	  "n_receiving), e.g. tt plan --approach equivalence --margin-sigma 1.5:\n"
	  "  --approach A         equivalence, quality-range, tolerance-interval, min-max\n"
	  "  --margin-sigma K | --margin-absolute D | --margin-percent P | --margin-ratio R\n"
	  "  --sd S, --mean M     the true sd (absolute, ratio: of the ln values; percent)\n"
	  "                       and mean (percent margins)\n"
	  "  --variance welch|pooled, --alpha A, --paired [--correlation R]\n"
	  "  --k K, --min-fraction F                    quality range (3, 0.9)\n"
	  "  --content P, --confidence G, --method exact|howe|nonparametric,\n"
	  "  --sides 1|2, --direction lower|upper       tolerance interval\n"
	  "  --n-source A..B, --n-receiving A..B        lot counts (default 3..15)\n"
	  "  --difference-sd D, --sd-ratio Q            the truth (default 0 and 1)\n"
	  "  -f, --format text|md|json\n\n"
	  "Exit status: 0, 2 bad input or usage, 3 environment (gnuplot missing).\n" },
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
	  "A locked study (tt lock) runs only with the criteria of its newest lock.\n"
	  "Every run is recorded in STUDY.audit beside the study (tt help audit).\n\n"
	  "Exit status: 0 comparable, 1 not comparable or inconclusive, 2 bad input,\n"
	  "3 environment or internal error.\n" },
	{ "sign", cmd_sign, "sign a report electronically with an X.509 key and certificate",
	  "tt sign REPORT_DIR --key KEY.pem --cert CERT.pem --meaning MEANING [--reason TEXT]\n"
	  "       [--pass-env VAR]",
	  "Signs the report in REPORT_DIR (a folder tt run wrote, with its manifest.json)\n"
	  "with the signer's private key and X.509 certificate.  Writes\n"
	  "REPORT_DIR/signatures/NN.json (NN = 01, 02, ...): the signer's name and e-mail\n"
	  "from the certificate, the meaning, the reason, the time with its UTC offset,\n"
	  "the record identity (the SHA-256 of report.json), the SHA-256 of manifest.json,\n"
	  "the certificate, and a CMS (PKCS #7) detached signature over those fields.\n"
	  "Rewrites REPORT_DIR/signatures/page.html: every signature of the report for\n"
	  "people, as 21 CFR Part 11 11.50 asks (printed name, date and time, meaning).\n"
	  "tt verify checks the signatures.\n\n"
	  "options:\n"
	  "  --key KEY.pem       the signer's private key, PEM; read, never copied\n"
	  "  --cert CERT.pem     the signer's certificate, PEM: it must match the key, name\n"
	  "                      the signer (CN) and be valid at the time of signing\n"
	  "  --meaning MEANING   authored, reviewed, approved or rejected\n"
	  "  --reason TEXT       why, in one line (optional)\n"
	  "  --pass-env VAR      the environment variable that holds the passphrase of an\n"
	  "                      encrypted key (tt never prompts for it)\n\n"
	  "The time of signing is now, or SOURCE_DATE_EPOCH when it is set.  Nothing is\n"
	  "written when anything is wrong, nor when a signature already there no longer\n"
	  "holds (the record changed since).\n\n"
	  "Exit status: 0 signed, 2 refused (folder, key, certificate, meaning, reason),\n"
	  "3 environment error.\n" },
	{ "validate", cmd_validate,
	  "run the qualification suite against published reference values",
	  "tt validate [-o DIR] [--force]",
	  "Runs every reference check built into tt: the NIST StRD univariate data sets,\n"
	  "published tolerance factors, TOST power, the f2 and MSD examples of the\n"
	  "methods, every case computed independently in R for the unit tests, and the\n"
	  "golden studies end to end.  Each check has an expected value, an observed\n"
	  "value, a tolerance and a result.  Prints a summary per group and writes an\n"
	  "operational-qualification report, DIR/validation.html (with the environment\n"
	  "and a sign-off block) and DIR/validation.json.  DIR defaults to\n"
	  "reports/validation; an existing report is replaced only with --force.\n\n"
	  "options:\n"
	  "  -o, --output DIR   where to write the report\n"
	  "  --force            replace an existing report\n\n"
	  "Exit status: 0 all checks pass, 1 any check fails, 2 bad usage or an existing\n"
	  "report, 3 environment error.\n" },
	{ "verify", cmd_verify,
	  "check a report folder against its manifest, inputs, results and signatures",
	  "tt verify REPORT_DIR [--base DIR] [--ca CA.pem]",
	  "Checks every file of a folder tt wrote (tt run, tt plan -o, tt validate)\n"
	  "against its manifest.json: a file changed, missing or added (outside\n"
	  "signatures/) is named.  Prints the record's identity, the SHA-256 of\n"
	  "report.json (plan.json, validation.json) that the HTML report prints on\n"
	  "every page.  Then recomputes the SHA-256 of every input the record names\n"
	  "and, for a run, runs its study again with the recorded seed, and says\n"
	  "whether all still match and what changed.\n"
	  "Relative paths in a report are relative to the folder tt run was started in:\n"
	  "run tt verify from there, or name it with --base DIR.  The verification is\n"
	  "recorded in the study's audit trail when the study has one (tt help audit).\n\n"
	  "Checks every signature of the report (signatures/NN.json, written by tt sign):\n"
	  "the CMS signature over its fields with the certificate it holds, the\n"
	  "certificate valid at the time of signing, and the record and manifest.json\n"
	  "unchanged since.  Prints each signer, meaning and time.\n\n"
	  "options:\n"
	  "  --base DIR    the folder tt run was started in\n"
	  "  --ca CA.pem   also check that each signer's certificate chains to one of\n"
	  "                these CA certificates (PEM), at the time of signing; without\n"
	  "                it the chain is not checked, and tt verify says so\n\n"
	  "Exit status: 0 match, 1 differ, 2 not a report folder.\n" },
};

const size_t tt_command_count = sizeof tt_commands / sizeof tt_commands[0];
