/*
 * validate_env.c - where the qualification suite runs: the versions of tt
 * and of the libraries it was built with, gnuplot, the compiler, the
 * operating system, the processor and the date, for the report.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include <gsl/gsl_version.h>
#include <yaml.h>

#include "tt/engine/engine.h"
#include "tt/plot/plot.h"
#include "tt/base/mem.h"
#include "tt/validate/validate_env.h"

/* Trims trailing white space in place. */
static void trim(char *s)
{
	size_t n = strlen(s);
	while (n > 0 &&
	       (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
}

static char *compiler(void)
{
#if defined(__clang__)
	return tt_xstrdup("clang " __clang_version__);
#elif defined(__GNUC__)
	return tt_xstrdup("GCC " __VERSION__);
#elif defined(__VERSION__)
	return tt_xstrdup(__VERSION__);
#else
	return tt_xstrdup("unknown");
#endif
}

/* The processor's model name from /proc/cpuinfo, with the machine type;
 * the machine type alone where there is no /proc. */
static char *cpu(const char *machine)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	char line[512];
	char *model = NULL;
	while (f && !model && fgets(line, sizeof line, f)) {
		/* x86 says "model name", some ARM kernels "Processor" or
		 * "Hardware". */
		if (strncmp(line, "model name", 10) == 0 || strncmp(line, "Processor", 9) == 0 ||
		    strncmp(line, "Hardware", 8) == 0) {
			char *colon = strchr(line, ':');
			if (!colon)
				continue;
			colon++;
			while (*colon == ' ' || *colon == '\t')
				colon++;
			trim(colon);
			if (*colon)
				model = tt_xstrdup(colon);
		}
	}
	if (f)
		fclose(f);
	if (!model)
		return tt_xstrdup(*machine ? machine : "unknown");
	char *out = tt_xasprintf("%s (%s)", model, machine);
	free(model);
	return out;
}

void tt_validate_env_fill(tt_validate_env *env)
{
	memset(env, 0, sizeof *env);
	env->tt_version = tt_xstrdup(TT_VERSION);
	/* The library loaded at run time may differ from the headers tt was
	 * built with; both are then named. */
	if (strcmp(gsl_version, GSL_VERSION) == 0)
		env->gsl_version = tt_xstrdup(gsl_version);
	else
		env->gsl_version = tt_xasprintf("%s (built with %s)", gsl_version, GSL_VERSION);
	env->yaml_version = tt_xstrdup(yaml_get_version_string());
	env->gnuplot_version = tt_plot_version(NULL);
	env->compiler = compiler();
	struct utsname u;
	if (uname(&u) == 0) {
		env->os = tt_xasprintf("%s %s %s", u.sysname, u.release, u.version);
		env->cpu = cpu(u.machine);
	} else {
		env->os = tt_xstrdup("unknown");
		env->cpu = cpu("");
	}
	env->date = tt_engine_timestamp();
}

void tt_validate_env_clear(tt_validate_env *env)
{
	free(env->tt_version);
	free(env->gsl_version);
	free(env->yaml_version);
	free(env->gnuplot_version);
	free(env->compiler);
	free(env->os);
	free(env->cpu);
	free(env->date);
	memset(env, 0, sizeof *env);
}
