# Reference values for tests/test_plan.c, computed independently of tt's C
# code: pass probabilities of a study's comparisons (METHODS.md "Pass
# probability of a study's comparison", "Operating characteristics").
#
# 1. Equivalence, independent lots: the two-dimensional integral of
#    METHODS.md written directly over the two sample sds (sR, sT) with their
#    scaled chi densities, as nested adaptive integrate() calls, each inner
#    integral split where D - h changes sign (tt integrates in other
#    coordinates, see tt/plan/plan_exact.c).
# 2. Equivalence, paired lots, absolute margin: the one-dimensional integral
#    over the sd of the differences.
# 3. Everything tt simulates (quality range, tolerance intervals, min-max
#    under a shift, percent margins, paired sigma margins), by a vectorised
#    simulation with R's own generator, 10^6 replicates each, with its Monte
#    Carlo error.  tt's own simulation uses other random numbers, so the two
#    agree within their combined Monte Carlo error, not digit for digit.
# 4. The time R takes for 10^6 simulated 10 vs 10 quality-range studies,
#    vectorised (the speed the benchmark bench/bench_plan.c is held to).
#
# Run: Rscript tests/reference/plan.R > tests/reference/plan.out  (a few
# minutes)
options(digits = 15)

# The density of S = sqrt(V / nu), V ~ chisq(nu): a sample sd over the true.
dsc <- function(s, nu) {
  out <- numeric(length(s))
  ok <- s > 0
  out[ok] <- exp(log(2) + (nu / 2) * log(nu / 2) - lgamma(nu / 2) +
                 (nu - 1) * log(s[ok]) - nu * s[ok]^2 / 2)
  out
}
# Where S has all but 1e-16 of its mass.
s_top <- function(nu) sqrt(qchisq(1e-16, nu, lower.tail = FALSE) / nu)

# The CI half-width h(sR, sT) (vectorised in sT).
half_width <- function(sR, sT, nR, nT, welch, alpha) {
  nuR <- nR - 1; nuT <- nT - 1
  if (welch) {
    a <- sR^2 / nR; b <- sT^2 / nT
    se <- sqrt(a + b); df <- (a + b)^2 / (a^2 / nuR + b^2 / nuT)
  } else {
    sp2 <- (nuR * sR^2 + nuT * sT^2) / (nuR + nuT)
    se <- sqrt(sp2 * (1 / nR + 1 / nT)); df <- nuR + nuT
  }
  qt(alpha, df, lower.tail = FALSE) * se
}

# Pieces of [0, hi] where f > 0, from a grid refined with uniroot.
positive_pieces <- function(f, hi, n = 400) {
  x <- seq(hi / n / 1e6, hi, length.out = n)
  v <- f(x)
  pieces <- list(); start <- if (v[1] > 0) 0 else NA
  for (i in 2:n) {
    if ((v[i - 1] > 0) != (v[i] > 0)) {
      root <- uniroot(f, c(x[i - 1], x[i]), tol = 1e-15)$root
      if (v[i] > 0) start <- root else { pieces[[length(pieces) + 1]] <- c(start, root); start <- NA }
    }
  }
  if (!is.na(start)) pieces[[length(pieces) + 1]] <- c(start, hi)
  pieces
}

pass_equivalence <- function(nR, nT, margin = "sigma", k = 1.5, D = 1.5,
                             welch = TRUE, delta = 0, r = 1, alpha = 0.05) {
  nuR <- nR - 1; nuT <- nT - 1
  tau <- sqrt(1 / nR + r^2 / nT)
  inner <- function(sR) {
    Dm <- if (margin == "sigma") k * sR else D
    room <- function(sT) Dm - half_width(sR, sT, nR, nT, welch, alpha)
    f <- function(sT) {
      m <- room(sT)
      v <- pnorm((m - delta) / tau) - pnorm((-m - delta) / tau)
      v[m <= 0] <- 0
      v * dsc(sT / r, nuT) / r
    }
    total <- 0
    for (p in positive_pieces(room, r * s_top(nuT)))
      total <- total + integrate(f, p[1], p[2], rel.tol = 1e-11, abs.tol = 0,
                                 subdivisions = 1000)$value
    total
  }
  outer <- function(sR) sapply(sR, function(s) inner(s) * dsc(s, nuR))
  integrate(outer, 0, s_top(nuR), rel.tol = 1e-10, abs.tol = 1e-13,
            subdivisions = 1000)$value
}

pass_paired_absolute <- function(n, D, delta, r, rho, alpha = 0.05) {
  nu <- n - 1
  se <- sqrt(1 + r^2 - 2 * rho * r)
  tau <- se / sqrt(n)
  tc <- qt(alpha, nu, lower.tail = FALSE)
  f <- function(w) {
    m <- D - tc * tau * w
    v <- pnorm((m - delta) / tau) - pnorm((-m - delta) / tau)
    v[m <= 0] <- 0
    v * dsc(w, nu)
  }
  integrate(f, 0, min(s_top(nu), D / (tc * tau)), rel.tol = 1e-12,
            abs.tol = 0, subdivisions = 1000)$value
}

cat("# 1. equivalence, independent lots: integral over (sR, sT)\n")
cases <- list(
  list("welch sigma 1.5 3v3", 3, 3, "sigma", 1.5, NA, TRUE, 0, 1),
  list("welch sigma 1.5 5v5", 5, 5, "sigma", 1.5, NA, TRUE, 0, 1),
  list("welch sigma 1.5 10v10", 10, 10, "sigma", 1.5, NA, TRUE, 0, 1),
  list("welch sigma 1.5 3v10", 3, 10, "sigma", 1.5, NA, TRUE, 0, 1),
  list("pooled sigma 1.5 3v3", 3, 3, "sigma", 1.5, NA, FALSE, 0, 1),
  list("pooled sigma 1.5 5v5", 5, 5, "sigma", 1.5, NA, FALSE, 0, 1),
  list("pooled sigma 1.5 10v10", 10, 10, "sigma", 1.5, NA, FALSE, 0, 1),
  list("pooled sigma 1.5 3v10", 3, 10, "sigma", 1.5, NA, FALSE, 0, 1),
  list("welch sigma 1.5 6v6 delta 0.5 ratio 1.5", 6, 6, "sigma", 1.5, NA, TRUE, 0.5, 1.5),
  list("welch sigma 1.5 10v10 delta 1.5", 10, 10, "sigma", 1.5, NA, TRUE, 1.5, 1),
  list("pooled sigma 2 4v8 delta 0.25 ratio 1.5", 4, 8, "sigma", 2, NA, FALSE, 0.25, 1.5),
  list("welch sigma 1.5 2v2", 2, 2, "sigma", 1.5, NA, TRUE, 0, 1),
  list("welch sigma 3 2v30", 2, 30, "sigma", 3, NA, TRUE, 0, 1),
  list("welch absolute 1.5 5v5 delta 0.25 ratio 1.5", 5, 5, "absolute", NA, 1.5, TRUE, 0.25, 1.5),
  list("pooled absolute 1.5 3v3", 3, 3, "absolute", NA, 1.5, FALSE, 0, 1),
  list("pooled absolute 1.5 10v10", 10, 10, "absolute", NA, 1.5, FALSE, 0, 1),
  list("welch absolute 2 8v4 delta 1 ratio 0.7", 8, 4, "absolute", NA, 2, TRUE, 1, 0.7))
for (cs in cases) {
  p <- pass_equivalence(cs[[2]], cs[[3]], cs[[4]], cs[[5]], cs[[6]], cs[[7]],
                        cs[[8]], cs[[9]])
  cat(sprintf("%s: %.12f\n", cs[[1]], p))
}

cat("# 2. equivalence, paired lots, absolute margin: integral over s_e\n")
cat(sprintf("paired absolute 1.5 6 pairs rho 0.5 delta 0.25: %.12f\n",
            pass_paired_absolute(6, 1.5, 0.25, 1, 0.5)))
cat(sprintf("paired absolute 1 10 pairs rho 0.8 delta 0 ratio 1.5: %.12f\n",
            pass_paired_absolute(10, 1, 0, 1.5, 0.8)))

# ---- simulation ----

# The exact two-sided tolerance factor, as in tests/reference/tolerance.R
# (Odeh 1978; Krishnamoorthy and Mathew 2009).
r_of_x <- function(x, P) {
  lo <- max(x + qnorm(P), qnorm((1 + P) / 2))
  hi <- x + qnorm((1 + P) / 2)
  f <- function(r) pnorm(x + r) - pnorm(x - r) - P
  if (f(lo) >= 0) return(lo)
  if (f(hi) <= 0) return(hi)
  uniroot(f, c(lo, hi), tol = 1e-15, maxiter = 1000)$root
}
coverage_conf <- function(k, n, P) {
  nu <- n - 1
  f <- function(x) sapply(x, function(xi)
    pchisq(nu * r_of_x(xi, P)^2 / k^2, nu, lower.tail = FALSE) * exp(-n * xi^2 / 2))
  sqrt(2 * n / pi) * integrate(f, 0, 12 / sqrt(n), rel.tol = 1e-13, abs.tol = 0,
                               subdivisions = 1000)$value
}
k_howe <- function(n, P, g) {
  nu <- n - 1
  sqrt(nu * (1 + 1 / n) * qnorm((1 + P) / 2)^2 / qchisq(1 - g, nu))
}
k_exact2 <- function(n, P, g) {
  howe <- k_howe(n, P, g)
  uniroot(function(k) coverage_conf(k, n, P) - g, c(0.8 * howe, 1.2 * howe),
          tol = 1e-14, maxiter = 1000)$root
}
k_one <- function(n, P, g) qt(g, n - 1, qnorm(P) * sqrt(n)) / sqrt(n)

R <- 1e6
CHUNK <- 2e5
set.seed(20240917)

# Simulates R studies in chunks; rule(x, y) takes matrices (one row a study)
# and returns a logical vector.
simulate <- function(nR, nT, rule, delta = 0, r = 1) {
  passes <- 0
  for (c in seq_len(R / CHUNK)) {
    x <- matrix(rnorm(CHUNK * nR), CHUNK, nR)
    y <- matrix(rnorm(CHUNK * nT, delta, r), CHUNK, nT)
    passes <- passes + sum(rule(x, y))
  }
  p <- passes / R
  c(p, sqrt(p * (1 - p) / R))
}
row_sd <- function(x) sqrt(rowSums((x - rowMeans(x))^2) / (ncol(x) - 1))

qr_rule <- function(k, f) function(x, y) {
  m <- rowMeans(x); s <- row_sd(x)
  inside <- rowSums(y >= m - k * s & y <= m + k * s)
  inside >= f * ncol(y) - 1e-9
}
ti_rule <- function(k, sides = 2, direction = "") function(x, y) {
  m <- rowMeans(x); s <- row_sd(x)
  lo <- if (sides == 1 && direction == "upper") -Inf else m - k * s
  hi <- if (sides == 1 && direction == "lower") Inf else m + k * s
  rowSums(y >= lo & y <= hi) == ncol(y)
}
minmax_rule <- function(x, y) {
  lo <- apply(x, 1, min); hi <- apply(x, 1, max)
  rowSums(y >= lo & y <= hi) == ncol(y)
}
percent_rule <- function(p, mu, alpha = 0.05) function(x, y) {
  x <- x + mu; y <- y + mu
  nR <- ncol(x); nT <- ncol(y)
  a <- row_sd(x)^2 / nR; b <- row_sd(y)^2 / nT
  se <- sqrt(a + b); df <- (a + b)^2 / (a^2 / (nR - 1) + b^2 / (nT - 1))
  d <- rowMeans(y) - rowMeans(x)
  D <- p / 100 * abs(rowMeans(x))
  h <- qt(alpha, df, lower.tail = FALSE) * se
  -D < d - h & d + h < D
}

show <- function(name, v) cat(sprintf("%s: %.6f +- %.6f\n", name, v[1], v[2]))

cat("# 3. simulation, 10^6 replicates, set.seed(20240917), in this order\n")
show("quality range k 3 f 0.9 10v10", simulate(10, 10, qr_rule(3, 0.9)))
show("quality range k 3 f 0.9 6v6 delta 0.5 ratio 1.5",
     simulate(6, 6, qr_rule(3, 0.9), 0.5, 1.5))
show("quality range k 2 f 0.8 5v10 delta 1", simulate(5, 10, qr_rule(2, 0.8), 1, 1))
k10 <- k_exact2(10, 0.99, 0.95)
cat(sprintf("exact two-sided k, n 10, P 0.99, g 0.95: %.12f\n", k10))
show("tolerance exact 0.99/0.95 10v10", simulate(10, 10, ti_rule(k10)))
show("tolerance exact 0.99/0.95 10v10 delta 0.5 ratio 1.5",
     simulate(10, 10, ti_rule(k10), 0.5, 1.5))
kh8 <- k_howe(8, 0.95, 0.90)
cat(sprintf("Howe k, n 8, P 0.95, g 0.90: %.12f\n", kh8))
show("tolerance howe 0.95/0.90 8v5 delta 0.25", simulate(8, 5, ti_rule(kh8), 0.25, 1))
k1 <- k_one(12, 0.95, 0.95)
cat(sprintf("one-sided k, n 12, P 0.95, g 0.95: %.12f\n", k1))
show("tolerance one-sided lower 0.95/0.95 12v6 delta -0.5",
     simulate(12, 6, ti_rule(k1, 1, "lower"), -0.5, 1))
show("min-max 5v5", simulate(5, 5, minmax_rule))
show("min-max 5v5 delta 0.5 ratio 1.5", simulate(5, 5, minmax_rule, 0.5, 1.5))
show("min-max 10v3 ratio 0.5", simulate(10, 3, minmax_rule, 0, 0.5))
show("percent 10 mean 20 sd 1 welch 6v6", simulate(6, 6, percent_rule(10, 20)))
show("percent 5 mean 40 sd 1 welch 8v8 delta 0.5",
     simulate(8, 8, percent_rule(5, 40), 0.5, 1))

# Paired, sigma margin 1.5 sR from all source lots, 8 pairs, rho 0.6:
# x source, y = delta + r (rho z + sqrt(1 - rho^2) w).
paired_sigma <- function(n, k, rho, delta = 0, r = 1, alpha = 0.05) {
  passes <- 0
  for (c in seq_len(R / CHUNK)) {
    x <- matrix(rnorm(CHUNK * n), CHUNK, n)
    w <- matrix(rnorm(CHUNK * n), CHUNK, n)
    y <- delta + r * (rho * x + sqrt(1 - rho^2) * w)
    e <- y - x
    d <- rowMeans(e); se <- row_sd(e) / sqrt(n)
    h <- qt(alpha, n - 1, lower.tail = FALSE) * se
    D <- k * row_sd(x)
    passes <- passes + sum(-D < d - h & d + h < D)
  }
  p <- passes / R
  c(p, sqrt(p * (1 - p) / R))
}
show("paired sigma 1.5 8 pairs rho 0.6", paired_sigma(8, 1.5, 0.6))
show("paired sigma 1.5 5 pairs rho 0.3 delta 0.5", paired_sigma(5, 1.5, 0.3, 0.5))
show("welch sigma 1.5 5v5 (check of section 1)",
     simulate(5, 5, function(x, y) {
       nR <- ncol(x); nT <- ncol(y)
       a <- row_sd(x)^2 / nR; b <- row_sd(y)^2 / nT
       se <- sqrt(a + b); df <- (a + b)^2 / (a^2 / (nR - 1) + b^2 / (nT - 1))
       d <- rowMeans(y) - rowMeans(x); D <- 1.5 * row_sd(x)
       h <- qt(0.05, df, lower.tail = FALSE) * se
       -D < d - h & d + h < D
     }))

cat("# 4. vectorised R, 10^6 simulated 10 vs 10 quality-range studies\n")
t <- system.time({
  x <- matrix(rnorm(1e7), 1e6, 10); y <- matrix(rnorm(1e7), 1e6, 10)
  m <- rowMeans(x); s <- sqrt(rowSums((x - m)^2) / 9)
  p <- mean(rowSums(y >= m - 3 * s & y <= m + 3 * s) >= 9)
})
cat(sprintf("pass %.6f in %.2f s elapsed\n", p, t[["elapsed"]]))
