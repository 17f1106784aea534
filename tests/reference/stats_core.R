# stats_core.R - reference values for tests/test_tost.c, test_varratio.c,
# test_normality.c and test_ranges.c (and tt validate), computed with R's
# t.test, var.test, shapiro.test, mean and sd.
#
# Run from the project root:
#   Rscript tests/reference/stats_core.R > tests/reference/stats_core.out
#   python3 scripts/gen-refdata.py
# The second writes the printed tables verbatim into their files
# (tt/validate/refdata/refdata_tost.c, refdata_varratio.c,
# refdata_normality.c, refdata_ranges.c).  The tests and tt validate do not
# need R.
#
# Every data value is a multiple of 1/256 (1/1024 for lognormal data), so
# its decimal text below is exactly the double R used, and C reads the same
# number.  Expected results are printed with 17 significant digits.  The
# large Shapiro-Wilk samples are not printed: both R and the C test build
# them with the same Park-Miller generator in exact double arithmetic
# (sw_generate below, tt_refdata_sw_generate in
# tt/validate/refdata/refdata_sw_generate.c).

set.seed(20240917)
f17 <- function(v) sprintf("%.17g", v)
# The shortest text that reads back as the same double (inputs: 0.05, 1.5).
fshort <- function(v) sapply(v, function(a) {
  for (d in 15:17) { s <- sprintf("%.*g", d, a); if (as.numeric(s) == a) return(s) }
  s
})
dy <- function(v, q = 256) round(v * q) / q

values <- numeric(0)
add_values <- function(v) {
  at <- length(values)
  values <<- c(values, v)
  at
}
print_values <- function(name, v) {
  cat(sprintf("const double %s[] = {\n", name))
  lines <- split(f17(v), ceiling(seq_along(v) / 6))
  for (l in lines) cat("\t", paste(l, collapse = ", "), ",\n", sep = "")
  cat("};\n\n")
}

# ---- TOST: t.test at conf.level 1 - 2 alpha and the two one-sided tests ----

margin_names <- c("TT_MARGIN_ABSOLUTE", "TT_MARGIN_SIGMA", "TT_MARGIN_PERCENT", "TT_MARGIN_RATIO")
tost_rows <- character(0)

# xa, ya: where x and y start in tost_values (a data set used twice is
# printed once).
tost_case <- function(label, x, y, xa, ya, variance, paired, mtype, margin, alpha, log_scale) {
  ax <- if (log_scale) log(x) else x
  ay <- if (log_scale) log(y) else y
  D <- switch(mtype,
              absolute = margin,
              sigma = margin * sd(ax),
              percent = margin / 100 * abs(mean(ax)),
              ratio = log(margin))
  L <- -D; U <- D
  pooled <- variance == "pooled"
  tt <- t.test(ay, ax, paired = paired, var.equal = pooled, conf.level = 1 - 2 * alpha)
  lo <- t.test(ay, ax, paired = paired, var.equal = pooled, mu = L, alternative = "greater")
  hi <- t.test(ay, ax, paired = paired, var.equal = pooled, mu = U, alternative = "less")
  d <- if (paired) unname(tt$estimate) else unname(tt$estimate[1] - tt$estimate[2])
  ci <- as.numeric(tt$conf.int)
  equivalent <- L < ci[1] && ci[2] < U
  ml <- L; mu <- U
  if (log_scale) {
    d <- exp(d); ci <- exp(ci)
    if (mtype == "ratio") { ml <- 1 / margin; mu <- margin } else { ml <- exp(L); mu <- exp(U) }
  }
  tost_rows <<- c(tost_rows, sprintf(
    paste0("\t{ \"%s\", %s, %s, %s, %s, %s, %s, %d, %d, %d, %d,\n",
           "\t  %s, %s, %s, %s, %s, %s, %s, %s, %s, %s },\n"),
    label, if (pooled) "TT_VARIANCE_POOLED" else "TT_VARIANCE_WELCH",
    if (paired) "true" else "false", if (log_scale) "true" else "false",
    margin_names[match(mtype, c("absolute", "sigma", "percent", "ratio"))],
    fshort(margin), fshort(alpha), xa, length(x), ya, length(y),
    f17(d), f17(tt$stderr), f17(unname(tt$parameter)), f17(ci[1]), f17(ci[2]),
    f17(lo$p.value), f17(hi$p.value), f17(ml), f17(mu), if (equivalent) "true" else "false"))
}

alphas <- c(0.05, 0.05, 0.1, 0.025)
# Independent lots: the same 30 data sets run with Welch and with pooled.
for (i in 1:30) {
  nx <- sample(3:30, 1); ny <- sample(3:30, 1)
  mx <- runif(1, 20, 150); sx <- runif(1, 0.5, 8)
  x <- dy(rnorm(nx, mx, sx))
  y <- dy(rnorm(ny, mx + rnorm(1, 0, sx / 2), sx * runif(1, 0.5, 2)))
  mtype <- c("absolute", "sigma", "percent")[(i - 1) %% 3 + 1]
  margin <- switch(mtype, absolute = dy(runif(1, 0.5, 3) * sx, 16),
                   sigma = c(1, 1.5, 2, 3)[(i - 1) %% 4 + 1],
                   percent = c(2, 5, 10)[(i - 1) %% 3 + 1])
  alpha <- alphas[(i - 1) %% 4 + 1]
  xa <- add_values(x); ya <- add_values(y)
  for (v in c("welch", "pooled"))
    tost_case(sprintf("%s %02d", v, i), x, y, xa, ya, v, FALSE, mtype, margin, alpha, FALSE)
}
# Paired (split-source) lots: e = test - ref.
for (i in 1:30) {
  n <- sample(3:30, 1)
  mx <- runif(1, 20, 150); sx <- runif(1, 0.5, 8)
  donor <- rnorm(n, mx, sx)
  x <- dy(donor + rnorm(n, 0, sx / 3))
  y <- dy(donor + rnorm(1, 0, sx / 4) + rnorm(n, 0, sx / 3))
  mtype <- c("absolute", "sigma", "percent")[(i - 1) %% 3 + 1]
  margin <- switch(mtype, absolute = dy(runif(1, 0.2, 1.5) * sx, 16),
                   sigma = c(0.5, 1, 1.5)[(i - 1) %% 3 + 1],
                   percent = c(1, 2, 5)[(i - 1) %% 3 + 1])
  alpha <- alphas[(i - 1) %% 4 + 1]
  tost_case(sprintf("paired %02d", i), x, y, add_values(x), add_values(y), "welch", TRUE,
            mtype, margin, alpha, FALSE)
}
# Log scale: ratio margins (Welch, pooled, paired) and sigma margins on logs.
for (i in 1:20) {
  nx <- sample(3:30, 1); ny <- sample(3:30, 1)
  ml <- log(runif(1, 5, 500)); sl <- runif(1, 0.05, 0.5)
  paired <- i > 15
  if (paired) ny <- nx
  x <- dy(rlnorm(nx, ml, sl), 1024)
  y <- if (paired) dy(x * rlnorm(nx, rnorm(1, 0, sl / 3), sl / 2), 1024)
       else dy(rlnorm(ny, ml + rnorm(1, 0, sl / 2), sl * runif(1, 0.6, 1.6)), 1024)
  v <- if (i %% 2) "welch" else "pooled"
  if (paired) v <- "welch"
  mtype <- if (i %% 5 == 0) "sigma" else "ratio"
  margin <- if (mtype == "sigma") 1.5 else c(1.25, 1.5, 2, 1.1)[(i - 1) %% 4 + 1]
  alpha <- alphas[(i - 1) %% 4 + 1]
  tost_case(sprintf("log %s %02d", if (paired) "paired" else v, i), x, y, add_values(x),
            add_values(y), v, paired, mtype, margin, alpha, TRUE)
}
cat("/* source: R", paste(R.version$major, R.version$minor, sep = "."),
    "t.test, tests/reference/stats_core.R */\n")
print_values("tt_refdata_tost_values", values)
cat("const tt_refdata_tost tt_refdata_tost_cases[] = {\n")
cat(tost_rows, sep = "")
cat("};\n\n")

# ---- variance ratio: var.test(test, ref, conf.level = 1 - 2 alpha) ----

values <- numeric(0)
vr_rows <- character(0)
for (i in 1:30) {
  nx <- sample(3:30, 1); ny <- sample(3:30, 1)
  m <- runif(1, 1, 200); s <- runif(1, 0.1, 10)
  x <- dy(rnorm(nx, m, s))
  y <- dy(rnorm(ny, m, s * exp(rnorm(1, 0, 0.5))))
  alpha <- alphas[(i - 1) %% 4 + 1]
  vt <- var.test(y, x, conf.level = 1 - 2 * alpha)
  xa <- add_values(x); ya <- add_values(y)
  vr_rows <- c(vr_rows, sprintf(
    "\t{ \"varratio %02d\", %s, %d, %d, %d, %d, %s, %s, %s, %s, %s, %s },\n",
    i, fshort(alpha), xa, nx, ya, ny, f17(unname(vt$estimate)), f17(vt$conf.int[1]),
    f17(vt$conf.int[2]), f17(unname(vt$parameter[1])), f17(unname(vt$parameter[2])),
    f17(vt$p.value)))
}
cat("/* source: R", paste(R.version$major, R.version$minor, sep = "."),
    "var.test, tests/reference/stats_core.R */\n")
print_values("tt_refdata_vr_values", values)
cat("const tt_refdata_vr tt_refdata_vr_cases[] = {\n")
cat(vr_rows, sep = "")
cat("};\n\n")

# ---- Shapiro-Wilk: shapiro.test ----

# Park-Miller minimal standard generator: s <- 16807 s mod (2^31 - 1), all
# products below 2^53 so exact in doubles; u = s / (2^31 - 1).  Kinds:
# 0 uniform u; 1 Irwin-Hall sum of 12 uniforms minus 6 (near normal);
# 2 its square (skewed); 3 its cube (heavy tails).
sw_generate <- function(n, seed, kind) {
  m <- 2147483647
  s <- seed
  draw <- function() { s <<- (16807 * s) %% m; s / m }
  out <- numeric(n)
  for (i in seq_len(n)) {
    if (kind == 0) { out[i] <- draw(); next }
    z <- 0
    for (k in 1:12) z <- z + draw()
    z <- z - 6
    out[i] <- switch(kind, z, z * z, z * z * z)
  }
  out
}

values <- numeric(0)
sw_rows <- character(0)
sw_small <- function(label, x) {
  label <- sprintf("sw %02d %s", length(sw_rows) + 1, label)
  st <- shapiro.test(x)
  xa <- add_values(x)
  sw_rows <<- c(sw_rows, sprintf("\t{ \"%s\", %d, %d, %s, %s },\n", label, xa, length(x),
                                 f17(unname(st$statistic)), f17(st$p.value)))
}
for (n in c(3, 3, 3, 4, 4, 5, 5, 6, 7, 8, 9, 10, 11, 11, 12, 12, 13, 15, 20, 20, 25, 30, 40, 50))
  sw_small(sprintf("normal n=%d", n), dy(rnorm(n, 50, 5)))
for (n in c(3, 4, 5, 8, 11, 12, 20, 30, 50))
  sw_small(sprintf("exponential n=%d", n), dy(rexp(n, 0.2)))
for (n in c(5, 10, 12, 25, 50))
  sw_small(sprintf("uniform n=%d", n), dy(runif(n, 0, 10)))
cat("/* source: R", paste(R.version$major, R.version$minor, sep = "."),
    "shapiro.test, tests/reference/stats_core.R */\n")
print_values("tt_refdata_sw_values", values)
cat("const tt_refdata_sw tt_refdata_sw_cases[] = {\n")
cat(sw_rows, sep = "")
cat("};\n\n")

gen_rows <- character(0)
seed <- 12345
for (n in c(3, 4, 5, 11, 12, 20, 50, 100, 101, 500, 1000, 2000, 4999, 5000)) {
  for (kind in 0:3) {
    seed <- seed + 7919
    x <- sw_generate(n, seed, kind)
    st <- shapiro.test(x)
    gen_rows <- c(gen_rows, sprintf("\t{ %d, %d, %d, %s, %s },\n", n, seed, kind,
                                    f17(unname(st$statistic)), f17(st$p.value)))
  }
}
cat("/* source: R", paste(R.version$major, R.version$minor, sep = "."),
    "shapiro.test on sw_generate(n, seed, kind), tests/reference/stats_core.R */\n")
cat("const tt_refdata_sw_gen tt_refdata_sw_gen_cases[] = {\n")
cat(gen_rows, sep = "")
cat("};\n")

# ---- quality range and min-max: mean(x) +/- k sd(x), range(x) ----
# R's mean and sd, on ln values under the log scale with the bounds
# exponentiated; receiving values counted inclusively against the bounds
# as reported; pass iff inside >= min_fraction * n (these cases stay away
# from the exact-product question, which test_ranges.c checks by hand).

values <- numeric(0)
qr_rows <- character(0)
for (i in 1:16) {
  log_scale <- i > 10
  nx <- sample(3:30, 1); ny <- sample(3:30, 1)
  if (log_scale) {
    ml <- log(runif(1, 5, 500)); sl <- runif(1, 0.05, 0.5)
    x <- dy(rlnorm(nx, ml, sl), 1024)
    y <- dy(rlnorm(ny, ml + rnorm(1, 0, sl), sl * runif(1, 0.7, 2)), 1024)
    ax <- log(x)
  } else {
    m <- runif(1, 20, 150); s <- runif(1, 0.5, 8)
    x <- dy(rnorm(nx, m, s))
    y <- dy(rnorm(ny, m + rnorm(1, 0, s), s * runif(1, 0.7, 2.5)))
    ax <- x
  }
  k <- c(2, 3, 2.5, 4)[(i - 1) %% 4 + 1]
  f <- c(0.9, 0.8, 1, 0.75)[(i - 1) %% 4 + 1]
  lo <- mean(ax) - k * sd(ax); hi <- mean(ax) + k * sd(ax)
  if (log_scale) { lo <- exp(lo); hi <- exp(hi) }
  inside <- sum(y >= lo & y <= hi)
  mm_inside <- sum(y >= min(x) & y <= max(x))
  xa <- add_values(x); ya <- add_values(y)
  qr_rows <- c(qr_rows, sprintf(
    "\t{ \"qr %02d\", %s, %s, %s, %d, %d, %d, %d, %s, %s, %d, %s, %d },\n",
    i, if (log_scale) "true" else "false", fshort(k), fshort(f), xa, nx, ya, ny,
    f17(lo), f17(hi), inside, if (inside >= f * ny) "true" else "false", mm_inside))
}
cat("\n/* source: R", paste(R.version$major, R.version$minor, sep = "."),
    "mean and sd, tests/reference/stats_core.R */\n")
print_values("tt_refdata_qr_values", values)
cat("const tt_refdata_qr tt_refdata_qr_cases[] = {\n")
cat(qr_rows, sep = "")
cat("};\n")
