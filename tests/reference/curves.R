# Reference values for tests/test_profile.c and tests/test_stability.c,
# computed with base R only (stats: lm, anova, predict, uniroot, t.test).
# Run from this folder:  Rscript curves.R > curves.out
# The C tests hold the numbers printed here; they do not run R.

options(digits = 17)
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

msd <- function(ref, test, level, limit) {
  nr <- nrow(ref); nt <- nrow(test); p <- ncol(ref)
  S <- ((nr - 1) * cov(ref) + (nt - 1) * cov(test)) / (nr + nt - 2)
  d <- colMeans(test) - colMeans(ref)
  md <- sqrt(drop(t(d) %*% solve(S, d)))
  K <- nr * nt / (nr + nt) * (nr + nt - p - 1) / ((nr + nt - 2) * p)
  Fq <- qf(level, p, nr + nt - p - 1)
  lim <- rep(limit, p)
  list(md = md, K = K, F = Fq, upper = md + sqrt(Fq / K),
       limit = sqrt(drop(t(lim) %*% solve(S, lim))))
}

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

f2 <- function(r, t) 50 * log10(100 / sqrt(1 + mean((r - t)^2)))

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
