# Reference values for tests/test_profile.c and tests/test_stability.c,
# computed with base R only (stats: lm, anova, predict, uniroot, t.test).
# Run from this folder:  Rscript curves.R > curves.out
# The C tests hold the numbers printed here; they do not run R.

options(digits = 17)
source("curves_lib.R")
say <- function(label, x) cat(sprintf("%-44s %s\n", label, paste(format(x, digits = 17), collapse = " ")))

## ---------------------------------------------------------------- MSD ----
## Tsong, Hammerstrom, Sathe and Shah (1996), Drug Inf J 30: the example in
## METHODS.md, 12 units per site at 15, 20, 25 minutes.
tsong_ref <- cbind(c(49, 15, 56, 57, 6, 62, 23, 11, 9, 42, 57, 4),
                   c(86, 59, 84, 87, 58, 90, 71, 64, 61, 81, 86, 48),
                   c(98, 96, 96, 99, 90, 97, 97, 92, 88, 96, 98, 82))
tsong_test <- cbind(c(31, 13, 55, 50, 37, 47, 39, 3, 37, 34, 4, 11),
                    c(79, 64, 81, 72, 91, 88, 87, 33, 77, 74, 59, 60),
                    c(94, 97, 96, 86, 99, 96, 97, 80, 94, 92, 91, 100))

cat("# MSD, Tsong 1996 data\n")
for (level in c(0.95, 0.90)) {
  m <- msd(tsong_ref, tsong_test, level, 10)
  say(sprintf("tsong level %.2f md", level), m$md)
  say(sprintf("tsong level %.2f K", level), m$K)
  say(sprintf("tsong level %.2f F", level), m$F)
  say(sprintf("tsong level %.2f upper", level), m$upper)
  say(sprintf("tsong level %.2f limit", level), m$limit)
}
## Swapping the sites leaves every MSD quantity unchanged.
m <- msd(tsong_test, tsong_ref, 0.95, 10)
say("tsong swapped level 0.95 md", m$md)

## ---------------------------------------------------------- profile data ----
## A made-up cytotoxicity profile (% lysis), 6 lots per site at 10, 20, 30,
## 45 (one lot per row).
prof_ref <- rbind(c(38.1, 61.2, 76.5, 84.0),
                  c(41.3, 63.8, 79.1, 86.2),
                  c(36.4, 58.9, 74.0, 82.5),
                  c(40.2, 62.5, 78.2, 85.1),
                  c(39.0, 60.1, 75.8, 83.9),
                  c(42.5, 65.0, 80.3, 87.0))
prof_test <- rbind(c(34.2, 57.9, 73.1, 82.2),
                   c(37.8, 60.4, 76.0, 84.1),
                   c(33.0, 55.2, 71.8, 80.9),
                   c(36.1, 59.7, 75.2, 83.3),
                   c(38.9, 61.8, 77.4, 85.0),
                   c(35.5, 58.1, 74.3, 82.7))

## The jackknife of bootstrap f2: leave out one lot at a time over all lots,
## source lots first; acceleration a = sum((m - th)^3) / (6 sum((m - th)^2)^1.5).
jack_accel <- function(ref, test) {
  th <- c(sapply(seq_len(nrow(ref)), function(i) f2(colMeans(ref[-i, , drop = FALSE]), colMeans(test))),
          sapply(seq_len(nrow(test)), function(i) f2(colMeans(ref), colMeans(test[-i, , drop = FALSE]))))
  m <- mean(th)
  list(theta = th, a = sum((m - th)^3) / (6 * sum((m - th)^2)^1.5))
}

cat("# bootstrap f2: observed f2 and jackknife acceleration\n")
say("profile f2", f2(colMeans(prof_ref), colMeans(prof_test)))
j <- jack_accel(prof_ref, prof_test)
say("profile jackknife theta", j$theta)
say("profile acceleration", j$a)
say("tsong f2", f2(colMeans(tsong_ref), colMeans(tsong_test)))
j <- jack_accel(tsong_ref, tsong_test)
say("tsong acceleration", j$a)
m <- msd(prof_ref, prof_test, 0.90, 10)
say("profile msd level 0.90 md", m$md)
say("profile msd level 0.90 upper", m$upper)
say("profile msd level 0.90 limit", m$limit)

## ----------------------------------------------------------- stability ----
## Made-up stability data (potency %, months 0 to 18), three lots per set,
## chosen so that ICH Q1E gives each outcome: A pools fully, B has a common
## slope but its own intercepts, C does not pool.  D is an impurity that
## rises, for an upper spec limit.
months <- c(0, 3, 6, 9, 12, 18)
stab <- list(
  A = rbind(c(100.2, 99.1, 98.3, 97.0, 96.2, 94.1),
            c(100.1, 99.3, 98.0, 97.3, 96.1, 94.3),
            c(100.3, 98.9, 98.2, 97.1, 96.0, 94.2)),
  B = rbind(c(101.5, 100.4, 99.2, 98.6, 97.3, 95.6),
            c(99.0, 97.9, 97.0, 95.8, 94.9, 92.9),
            c(100.1, 99.3, 98.0, 97.1, 96.0, 94.2)),
  C = rbind(c(100.0, 99.5, 99.1, 98.4, 98.0, 97.1),
            c(100.3, 98.6, 97.0, 95.7, 94.1, 91.0),
            c(99.8, 98.9, 98.2, 97.0, 96.1, 94.5)),
  D = rbind(c(0.50, 0.61, 0.70, 0.83, 0.91, 1.12),
            c(0.55, 0.64, 0.77, 0.85, 0.97, 1.18),
            c(0.48, 0.60, 0.69, 0.80, 0.90, 1.09)))

site <- function(name, m, spec, upper, cap = 180) {
  r <- stability_site(m, months, spec, upper, cap)
  say(sprintf("%s lot slopes", name), r$slopes)
  say(sprintf("%s lot intercepts", name), r$ints)
  say(sprintf("%s mean slope", name), mean(r$slopes))
  say(sprintf("%s sse full common single", name),
      c(deviance(r$full), deviance(r$common), deviance(r$single)))
  say(sprintf("%s F slopes, p", name), c(r$F_s, r$p_s))
  say(sprintf("%s F intercepts, p", name), c(r$F_i, r$p_i))
  cat(sprintf("%-44s %s\n", sprintf("%s poolability", name), r$model))
  say(sprintf("%s residual df, sd", name), c(r$fit$df.residual, summary(r$fit)$sigma))
  say(sprintf("%s shelf life (spec %g, %s), lot", name, spec, if (upper) "max" else "min"),
      r$shelf)
  r$slopes
}

cat("# stability\n")
sA <- site("A", stab$A, 90, FALSE)
sB <- site("B", stab$B, 90, FALSE)
sC <- site("C", stab$C, 90, FALSE)
sD <- site("D", stab$D, 1.5, TRUE)
## Welch's 90% interval of receiving minus source on the lot slopes.
for (pair in list(c("B", "A"), c("C", "A"))) {
  x <- get(paste0("s", pair[1])); y <- get(paste0("s", pair[2]))
  tt <- t.test(x, y, conf.level = 0.90)
  say(sprintf("welch %s - %s diff", pair[1], pair[2]), mean(x) - mean(y))
  say(sprintf("welch %s - %s df", pair[1], pair[2]), tt$parameter)
  say(sprintf("welch %s - %s ci", pair[1], pair[2]), tt$conf.int)
}

## One lot alone: a single line with N - 2 residual df.
one <- data.frame(t = months, y = stab$A[1, ])
fit1 <- lm(y ~ t, one)
g1 <- function(t) predict(fit1, data.frame(t = t), interval = "confidence", level = 0.90)[, "lwr"] - 90
say("A lot 1 alone shelf life (spec 90, min)", uniroot(g1, c(0, 180), tol = 1e-13)$root)
say("A lot 1 alone residual sd", summary(fit1)$sigma)
