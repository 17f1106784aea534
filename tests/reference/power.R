# Reference values for tests/test_power.c and tt validate (the tables of
# tt/validate/refdata/refdata_power.c): the exact power of the pooled-t
# TOST with known margins (L, U), parallel design, computed independently
# of tt's C code with R's adaptive integrate() over the sample sd s:
#   power = int_0^smax [pnorm((U - tc s c - delta)/(sigma c))
#                      - pnorm((L + tc s c - delta)/(sigma c))] f(s) ds,
# c = sqrt(1/nR + 1/nT), nu = nR + nT - 2, tc = qt(1 - alpha, nu),
# smax = (U - L)/(2 tc c), and f the density of s: nu s^2/sigma^2 ~ chisq(nu),
# f(s) = dchisq(nu s^2/sigma^2, nu) 2 nu s / sigma^2.
# This is PowerTOST's power.TOST(method = "exact") (Owen's Q).
# Run from the project root:
#   Rscript tests/reference/power.R > tests/reference/power.out
# then python3 scripts/gen-refdata.py, which writes the tables from power.out.

tost_power <- function(nR, nT, sigma, L, U, delta, alpha) {
  nu <- nR + nT - 2
  c <- sqrt(1 / nR + 1 / nT)
  tc <- qt(1 - alpha, nu)
  smax <- (U - L) / (2 * tc * c)
  f <- function(s) {
    b <- pnorm((U - tc * s * c - delta) / (sigma * c)) -
      pnorm((L + tc * s * c - delta) / (sigma * c))
    pmax(b, 0) * dchisq(nu * s^2 / sigma^2, nu) * 2 * nu * s / sigma^2
  }
  # Split at the mode of s so that integrate() cannot miss a narrow peak.
  mid <- min(smax, sigma)
  p <- integrate(f, 0, mid, rel.tol = 1e-13, abs.tol = 0, subdivisions = 2000)$value
  if (smax > mid)
    p <- p + integrate(f, mid, smax, rel.tol = 1e-13, abs.tol = 0,
                       subdivisions = 2000)$value
  p
}

# nR, nT, sigma, L, U, delta, alpha
cases <- list(
  c(3, 3, 1, -1.5, 1.5, 0, 0.05), c(5, 5, 1, -1.5, 1.5, 0, 0.05),
  c(3, 10, 1, -1.5, 1.5, 0, 0.05), c(10, 10, 1, -1.5, 1.5, 0, 0.05),
  c(2, 2, 1, -3, 3, 0, 0.05), c(4, 6, 2, -3, 3, 0.5, 0.05),
  c(6, 6, 1, -1, 1.5, 0.2, 0.05), c(8, 12, 0.5, -0.8, 0.6, -0.1, 0.05),
  c(12, 12, 1, -1.5, 1.5, 0.75, 0.05), c(20, 20, 1, -1, 1, 0, 0.05),
  c(20, 15, 1, -1, 1, 0.3, 0.1), c(30, 30, 3, -4, 4, 1, 0.025),
  c(50, 50, 1, -0.5, 0.5, 0, 0.05), c(100, 80, 1, -0.4, 0.5, 0.05, 0.05),
  c(200, 200, 1, -0.3, 0.3, 0.1, 0.05), c(5, 20, 1, -2, 2, -1, 0.05),
  c(7, 7, 10, -12, 18, 3, 0.05), c(3, 4, 1, -5, 5, 0, 0.01),
  c(16, 16, 1, -1.5, 1.5, 1.4, 0.05), c(9, 11, 1, -1.2, 1.2, 0, 0.2),
  c(40, 40, 0.1, -0.2, 0.25, 0.02, 0.05), c(1000, 1000, 1, -0.1, 0.1, 0, 0.05),
  c(2, 3, 1, -10, 10, 2, 0.05), c(25, 25, 1, -0.6, 0.6, 0, 0.05),
  c(2, 2, 1, -0.5, 0.5, 0, 0.05), c(3, 3, 1, -1, 1, 0.9, 0.05),
  c(100000, 100000, 1, -0.02, 0.02, 0.005, 0.05), c(4, 4, 1, -2, 0.5, -0.5, 0.3))
cat(sprintf("/* source: R %s.%s integrate(), tests/reference/power.R */\n",
            R.version$major, R.version$minor))
cat("/* n_ref, n_test, sd, lower, upper, delta, alpha, power */\n")
for (x in cases)
  cat(sprintf("\t{ %g, %g, %g, %g, %g, %g, %g, %.15e },\n", x[1], x[2], x[3],
              x[4], x[5], x[6], x[7],
              tost_power(x[1], x[2], x[3], x[4], x[5], x[6], x[7])))

# Sample sizes: the smallest equal n (>= 2) with power >= target.
cat("/* sd, margin D, delta, alpha, target, n, power at n, power at n - 1 */\n")
ss_cases <- list(c(1, 1.5, 0, 0.05, 0.8), c(1, 1.5, 0, 0.05, 0.9),
                 c(1, 1, 0.2, 0.05, 0.8), c(2, 1.5, 0, 0.05, 0.8),
                 c(1, 1.5, 0.5, 0.05, 0.8), c(1, 3, 0, 0.05, 0.5))
for (x in ss_cases) {
  n <- 2
  while (tost_power(n, n, x[1], -x[2], x[2], x[3], x[4]) < x[5]) n <- n + 1
  prev <- if (n > 2) tost_power(n - 1, n - 1, x[1], -x[2], x[2], x[3], x[4]) else 0
  cat(sprintf("\t{ %g, %g, %g, %g, %g, %d, %.15e, %.15e },\n", x[1], x[2], x[3],
              x[4], x[5], n, tost_power(n, n, x[1], -x[2], x[2], x[3], x[4]), prev))
}
