# Reference values for tests/test_tolerance.c and tt validate (the tables of
# tt/validate/refdata/refdata_tolerance.c), computed independently of tt's
# C code with R's adaptive integrate() and uniroot().
#
# Exact two-sided normal tolerance factor (Odeh 1978; Krishnamoorthy and
# Mathew 2009, eq. 2.5.5): k solves
#   g = sqrt(2n/pi) int_0^inf Q_chisq(nu r(x)^2 / k^2; nu) exp(-n x^2/2) dx,
# nu = n - 1, with r(x) solving pnorm(x + r) - pnorm(x - r) = P.
# Howe (1969): k = sqrt(nu (1 + 1/n) qnorm((1+P)/2)^2 / qchisq(1-g, nu)).
# One-sided: k = qt(g, nu, qnorm(P) sqrt(n)) / sqrt(n).
# Wilks: two-sided r the largest r >= 1 with pbinom(n - 2r, n, P) >= g;
# one-sided the largest r with 1 - pbinom(r - 1, n, 1 - P) >= g.
# Run from the project root:
#   Rscript tests/reference/tolerance.R > tests/reference/tolerance.out
# then python3 scripts/gen-refdata.py, which writes the tables from
# tolerance.out (the last lines, the e-Handbook example, are checked in
# tests/test_tolerance.c).
# (R warns that pnt may not reach full precision for one qt, n 100; it
# agrees with tt's quadrature to 1e-12 all the same.)

r_of_x <- function(x, P) {
  lo <- max(x + qnorm(P), qnorm((1 + P) / 2))
  hi <- x + qnorm((1 + P) / 2)
  f <- function(r) pnorm(x + r) - pnorm(x - r) - P
  # The root lies in [lo, hi]; rounding can put it a hair outside.
  if (f(lo) >= 0) return(lo)
  if (f(hi) <= 0) return(hi)
  uniroot(f, c(lo, hi), tol = 1e-15, maxiter = 1000)$root
}

coverage_conf <- function(k, n, P) {
  nu <- n - 1
  f <- function(x) sapply(x, function(xi)
    pchisq(nu * r_of_x(xi, P)^2 / k^2, nu, lower.tail = FALSE) *
      exp(-n * xi^2 / 2))
  # The integrand is negligible beyond x = 12/sqrt(n) (exp(-72)).
  sqrt(2 * n / pi) * integrate(f, 0, 12 / sqrt(n), rel.tol = 1e-13,
                               abs.tol = 0, subdivisions = 1000)$value
}

k_exact2 <- function(n, P, g) {
  howe <- k_howe(n, P, g)
  uniroot(function(k) coverage_conf(k, n, P) - g, c(0.8 * howe, 1.2 * howe),
          tol = 1e-14, maxiter = 1000)$root
}

k_howe <- function(n, P, g) {
  nu <- n - 1
  sqrt(nu * (1 + 1 / n) * qnorm((1 + P) / 2)^2 / qchisq(1 - g, nu))
}

k_one <- function(n, P, g) qt(g, n - 1, qnorm(P) * sqrt(n)) / sqrt(n)

wilks2 <- function(n, P, g) {
  ok <- function(r) pbinom(n - 2 * r, n, P) >= g
  if (n < 2 || !ok(1)) return(0)
  r <- 1
  while (2 * (r + 1) <= n && ok(r + 1)) r <- r + 1
  r
}
wilks1 <- function(n, P, g) {
  ok <- function(r) pbinom(r - 1, n, 1 - P, lower.tail = FALSE) >= g
  if (!ok(1)) return(0)
  r <- 1
  while (r + 1 <= n && ok(r + 1)) r <- r + 1
  r
}
n_needed2 <- function(P, g) { n <- 2; while (wilks2(n, P, g) == 0) n <- n + 1; n }
n_needed1 <- function(P, g) { n <- 1; while (wilks1(n, P, g) == 0) n <- n + 1; n }

cat(sprintf("/* source: R %s.%s, tests/reference/tolerance.R */\n",
            R.version$major, R.version$minor))
cat("/* n, P, g, exact two-sided k */\n")
cases2 <- list(c(2, 0.90, 0.95), c(3, 0.99, 0.99), c(5, 0.95, 0.90),
               c(10, 0.90, 0.95), c(10, 0.99, 0.95), c(10, 0.95, 0.99),
               c(15, 0.999, 0.95), c(20, 0.75, 0.90), c(30, 0.99, 0.95),
               c(43, 0.90, 0.99), c(50, 0.95, 0.95), c(100, 0.99, 0.99),
               c(200, 0.95, 0.95), c(500, 0.90, 0.95), c(1000, 0.99, 0.90),
               c(4, 0.50, 0.95), c(7, 0.95, 0.50), c(25, 0.9999, 0.999),
               c(2, 0.90, 0.01), c(10000, 0.95, 0.95), c(100000, 0.90, 0.01))
for (x in cases2)
  cat(sprintf("\t{ %g, %g, %g, %.12f },\n", x[1], x[2], x[3],
              k_exact2(x[1], x[2], x[3])))

cat("/* n, P, g, Howe k */\n")
for (x in cases2[c(1, 4, 5, 9, 10, 13, 16, 21)])
  cat(sprintf("\t{ %g, %g, %g, %.15e },\n", x[1], x[2], x[3],
              k_howe(x[1], x[2], x[3])))

cat("/* n, P, g, one-sided k */\n")
cases1 <- list(c(10, 0.90, 0.95), c(10, 0.95, 0.95), c(10, 0.99, 0.95),
               c(2, 0.90, 0.95), c(3, 0.95, 0.99), c(20, 0.99, 0.90),
               c(43, 0.90, 0.99), c(100, 0.90, 0.95), c(6, 0.75, 0.50))
for (x in cases1)
  cat(sprintf("\t{ %g, %g, %g, %.15e },\n", x[1], x[2], x[3],
              k_one(x[1], x[2], x[3])))

cat("/* n, P, g, Wilks r two-sided, r one-sided */\n")
casesw <- list(c(93, 0.95, 0.95), c(100, 0.95, 0.95), c(473, 0.99, 0.95),
               c(1000, 0.99, 0.95), c(59, 0.95, 0.95), c(299, 0.99, 0.95),
               c(200, 0.90, 0.90), c(30, 0.80, 0.90), c(10000, 0.95, 0.99))
for (x in casesw)
  cat(sprintf("\t{ %g, %g, %g, %d, %d },\n", x[1], x[2], x[3],
              wilks2(x[1], x[2], x[3]), wilks1(x[1], x[2], x[3])))

cat("/* P, g, n needed two-sided, one-sided */\n")
for (x in list(c(0.99, 0.95), c(0.95, 0.95), c(0.90, 0.90), c(0.999, 0.99)))
  cat(sprintf("\t{ %g, %g, %d, %d },\n", x[1], x[2], n_needed2(x[1], x[2]),
              n_needed1(x[1], x[2])))

# NIST/SEMATECH e-Handbook 7.2.6.3: n 43, mean 97.07, s 0.0268, g 0.99, P 0.90.
cat("/* NIST 7.2.6.3 Howe and exact intervals */\n")
kh <- k_howe(43, 0.90, 0.99); ke <- k_exact2(43, 0.90, 0.99)
cat(sprintf("howe k %.15e lower %.15e upper %.15e\n", kh, 97.07 - kh * 0.0268,
            97.07 + kh * 0.0268))
cat(sprintf("exact k %.15e\n", ke))
