# Reference values for tests/test_f2.c: f2 = 50 log10(100 / sqrt(1 + mean
# squared difference)) in plain R.
# Run: Rscript tests/reference/f2.R
f2 <- function(r, t) 50 * log10(100 / sqrt(1 + mean((r - t)^2)))
# Shah et al. 1998 (METHODS.md), time points 30/60/90/180 min.
cat(sprintf("shah %.15e\n", f2(c(34.9167, 59.5, 79.2667, 95.075),
                               c(15.0833, 59.5, 79.2667, 95.075))))
# Every point 10 apart: f2 = 50 (2 - log10(101)/2).
cat(sprintf("ten %.15e\n", f2(c(20, 40, 60, 80), c(30, 50, 70, 90))))
# A six-point profile.
cat(sprintf("six %.15e\n", f2(c(12.1, 33.4, 51.0, 70.2, 84.9, 93.3),
                              c(10.5, 30.2, 49.9, 66.0, 80.1, 91.7))))
# One point.
cat(sprintf("one %.15e\n", f2(55, 40)))
# Nearly equal profiles.
cat(sprintf("near %.15e\n", f2(c(50, 60), c(50 + 1e-7, 60))))
