# Reference values for tests/test_nct.c and tt validate (the tables of
# tt/validate/refdata/refdata_nct.c): R's own noncentral t, pt(q, df, ncp)
# and qt(p, df, ncp) (R's pnt.c, AS 243, Lenth 1989), an algorithm
# independent of tt's quadrature.  Noncentralities stay below 37.62, where
# R switches to a rougher normal approximation.  For three of the quantiles
# (df 99, 199 and 1000) R warns that pnt may not have reached full precision;
# they agree with tt to 5e-13 all the same.
# Run from the project root:
#   Rscript tests/reference/nct.R > tests/reference/nct.out
# then python3 scripts/gen-refdata.py, which writes the tables from nct.out.
cdf_cases <- list(
  c(1, 5, 0.5), c(2, 10, 1), c(0, 3, 1), c(-1, 4, 1), c(-2, 7, -1),
  c(3, 9, 4.05), c(5, 9, 4.0527), c(2.5, 2, 1), c(10, 1, 3), c(0.5, 1, 0),
  c(1, 20, 0), c(4, 29, 3), c(6, 50, 5), c(1.5, 2.5, 0.7), c(15, 99, 12),
  c(12, 199, 13.8), c(30, 1000, 30), c(-3, 5, -2), c(0.1, 8, 2), c(1, 8, 5),
  c(8, 8, 3), c(25, 30, 10), c(3.3, 15.7, 2.2), c(1, 100, 3), c(4, 100, 3),
  c(7, 40, 5), c(2, 0.5, 1), c(20, 3, 10), c(-0.5, 12, 0.3), c(2.9, 9, 2.9),
  c(0.2, 4, 4), c(36, 5000, 35))
cat(sprintf("/* source: R %s.%s pt, qt and dchisq, tests/reference/nct.R */\n",
            R.version$major, R.version$minor))
cat("/* t, df, ncp, pt(t, df, ncp) */\n")
for (x in cdf_cases)
  cat(sprintf("\t{ %.17g, %.17g, %.17g, %.15e },\n", x[1], x[2], x[3],
              pt(x[1], x[2], x[3])))

z <- qnorm
q_cases <- list(
  c(0.95, 9, z(0.90) * sqrt(10)), c(0.95, 9, z(0.95) * sqrt(10)),
  c(0.95, 9, z(0.99) * sqrt(10)), c(0.99, 42, z(0.90) * sqrt(43)),
  c(0.5, 5, 1), c(0.05, 5, 1), c(0.9, 20, 3), c(0.01, 3, 0), c(0.999, 10, 2),
  c(0.95, 29, z(0.99) * sqrt(30)), c(0.95, 99, z(0.95) * 10), c(0.9, 2, 5),
  c(0.1, 1, 2), c(0.95, 4, 0), c(0.75, 7.5, -1.2),
  c(0.95, 199, z(0.99) * sqrt(200)), c(0.99, 49, z(0.95) * sqrt(50)),
  c(0.95, 2, z(0.90) * sqrt(3)), c(0.3, 15, 4), c(0.6, 60, -3),
  c(0.9, 1, 1), c(0.025, 12, -2), c(0.9999, 30, 5), c(0.2, 2.5, 3),
  c(0.95, 1, z(0.9) * sqrt(2)), c(0.5, 1000, 20), c(0.05, 6, -4),
  c(0.97, 11, 6.5), c(0.4, 3, -0.5), c(0.8, 25, 10))
cat("/* p, df, ncp, qt(p, df, ncp) */\n")
for (x in q_cases)
  cat(sprintf("\t{ %.17g, %.17g, %.17g, %.15e },\n", x[1], x[2], x[3],
              qt(x[1], x[2], x[3])))

# The density of S = sqrt(V/df), V ~ chisq(df): dchisq(df s^2, df) 2 df s
# (R's dchisq is accurate at large df: it uses the saddle-point form).
pdf_cases <- list(c(1, 1), c(0.5, 2), c(1.3, 5), c(0.9, 30), c(1.01, 1000),
                  c(0.999, 1e6), c(2, 0.5), c(0.2, 9))
cat("/* s, df, density of S */\n")
for (x in pdf_cases)
  cat(sprintf("\t{ %.17g, %.17g, %.15e },\n", x[1], x[2],
              dchisq(x[2] * x[1]^2, x[2]) * 2 * x[2] * x[1]))
