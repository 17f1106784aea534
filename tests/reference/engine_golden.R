# engine_golden.R - independent expected values for the engine's golden
# studies in tests/resources/studies/golden/ (run: Rscript engine_golden.R).
# Its output, engine_golden.out, is what tests/test_engine.c checks, and what
# tt validate checks once scripts/gen-refdata.py has embedded it in
# tt/validate/refdata/refdata_golden.c (run the script again when the output changes).
d <- "../resources/studies/golden"
src <- read.csv(file.path(d, "source-lots.csv"), check.names = FALSE, na.strings = c("", "NA"))
rcv <- read.csv(file.path(d, "receiving-lots.csv"), check.names = FALSE, na.strings = c("", "NA"))
names(src) <- sub(" \\[.*\\]$", "", names(src))
names(rcv) <- sub(" \\[.*\\]$", "", names(rcv))
alpha <- 0.05
p <- function(label, v) cat(sprintf("%s %.17g\n", label, v))

tost <- function(tag, x, y, L, U, var.equal = FALSE, paired = FALSE, log = FALSE) {
  if (log) { x <- log(x); y <- log(y) }
  tt <- t.test(y, x, var.equal = var.equal, paired = paired, conf.level = 1 - 2 * alpha)
  pl <- t.test(y, x, var.equal = var.equal, paired = paired, mu = L, alternative = "greater")$p.value
  pu <- t.test(y, x, var.equal = var.equal, paired = paired, mu = U, alternative = "less")$p.value
  d <- if (paired) mean(y - x) else mean(y) - mean(x)
  tr <- if (log) exp else identity
  p(paste0(tag, ".difference"), tr(d))
  p(paste0(tag, ".se"), tt$stderr)
  p(paste0(tag, ".df"), tt$parameter)
  p(paste0(tag, ".ci_lower"), tr(tt$conf.int[1]))
  p(paste0(tag, ".ci_upper"), tr(tt$conf.int[2]))
  p(paste0(tag, ".margin_lower"), tr(L))
  p(paste0(tag, ".margin_upper"), tr(U))
  p(paste0(tag, ".p_tost"), max(pl, pu))
  cat(sprintf("%s.equivalent %d\n", tag, as.integer(L < tt$conf.int[1] && tt$conf.int[2] < U)))
}

# The exact two-sided normal tolerance factor (Odeh 1978), by integrate()
# and uniroot(), independent of tt's own quadrature.
xx_upper <- function(x) x + 50
ti_exact <- function(n, P, g) {
  nu <- n - 1
  r_of <- function(x) uniroot(function(r) pnorm(x + r) - pnorm(x - r) - P,
                              c(0, xx_upper(x)), tol = 1e-14)$root
  cover <- function(k) {
    f <- function(x) sapply(x, function(xx) pchisq(nu * r_of(xx)^2 / k^2, nu, lower.tail = FALSE) *
                                             exp(-n * xx^2 / 2))
    sqrt(2 * n / pi) * integrate(f, 0, 12 / sqrt(n), rel.tol = 1e-12)$value
  }
  uniroot(function(k) cover(k) - g, c(0.5, 50), tol = 1e-13)$root
}

# ---- comparable.yaml ----
x <- src$potency; y <- rcv$potency
D <- 1.5 * sd(x); tost("comparable.potency", x, y, -D, D)
tost("comparable.purity", src$purity, rcv$purity, -1.5, 1.5, var.equal = TRUE)
tost("comparable.titer", src$titer, rcv$titer, -log(1.5), log(1.5), log = TRUE)
x <- src$viability; y <- na.omit(rcv$viability)
lo <- mean(x) - 3 * sd(x); hi <- mean(x) + 3 * sd(x)
p("comparable.viability.lower", lo); p("comparable.viability.upper", hi)
p("comparable.viability.fraction_inside", mean(y >= lo & y <= hi))
x <- src$yield; y <- rcv$yield
k <- ti_exact(length(x), 0.95, 0.95)
p("comparable.yield.k", k)
p("comparable.yield.lower", mean(x) - k * sd(x)); p("comparable.yield.upper", mean(x) + k * sd(x))
p("comparable.yield.fraction_inside", mean(y >= mean(x) - k * sd(x) & y <= mean(x) + k * sd(x)))
p("comparable.size.lower", min(src$size)); p("comparable.size.upper", max(src$size))
p("comparable.potency.shapiro_p_source", shapiro.test(src$potency)$p.value)
p("comparable.potency.shapiro_p_receiving", shapiro.test(rcv$potency)$p.value)
p("comparable.source.potency.mean", mean(src$potency))
p("comparable.source.potency.sd", sd(src$potency))
p("comparable.receiving.potency.mean", mean(rcv$potency))
p("comparable.receiving.potency.sd", sd(rcv$potency))
p("comparable.source.titer.geometric_mean", exp(mean(log(src$titer))))
p("comparable.source.titer.sd_log", sd(log(src$titer)))

# ---- not-comparable.yaml ----
tost("notcomparable.potency", src$potency, rcv$potency, -1, 1)
D <- 0.5 / 100 * abs(mean(src$purity))
tost("notcomparable.purity", src$purity, rcv$purity, -D, D)
tost("notcomparable.titer", src$titer, rcv$titer, -log(1.1), log(1.1), log = TRUE)
x <- src$viability; y <- na.omit(rcv$viability)
lo <- mean(x) - 0.5 * sd(x); hi <- mean(x) + 0.5 * sd(x)
p("notcomparable.viability.lower", lo); p("notcomparable.viability.upper", hi)
p("notcomparable.viability.fraction_inside", mean(y >= lo & y <= hi))

# ---- paired.yaml (R-06 excluded; pairs D1..D5) ----
m <- merge(src[!is.na(src$pair) & src$pair != "", ], rcv[rcv$lot != "R-06", ], by = "pair",
           suffixes = c(".s", ".r"))
D <- 1.5 * sd(src$potency)
tost("paired.potency", m$potency.s, m$potency.r, -D, D, paired = TRUE)
tost("paired.titer", m$titer.s, m$titer.r, -log(1.25), log(1.25), paired = TRUE, log = TRUE)
tost("paired.purity", m$purity.s, m$purity.r, -1, 1, paired = TRUE)

# ---- curves.yaml: the profile and stability approaches ----
# The long-form tables (lot,time,value) are read and spread to one lot per
# row; curves_lib.R holds the computations, shared with curves.R.
source("curves_lib.R")
wide <- function(file) {
  x <- read.csv(file.path(d, file), check.names = FALSE)
  names(x) <- c("lot", "time", "value")
  times <- sort(unique(x$time))
  m <- t(sapply(split(x, x$lot), function(l) l$value[match(times, l$time)]))
  list(m = m, times = times)
}
s <- wide("source-lysis.csv"); r <- wide("receiving-lysis.csv")
keep <- s$times != 0  # f2 leaves out t = 0
p("curves.lysis.f2", f2(colMeans(s$m[, keep]), colMeans(r$m[, keep])))
s <- wide("source-release.csv"); r <- wide("receiving-release.csv")
m <- msd(s$m, r$m, 0.90, 15)
p("curves.release.msd", m$md); p("curves.release.msd_upper", m$upper)
p("curves.release.msd_limit", m$limit); p("curves.release.k", m$K)
p("curves.release.f_quantile", m$F)
s <- wide("source-stability.csv"); r <- wide("receiving-stability.csv")
fs <- stability_site(s$m, s$times, 5, TRUE); fr <- stability_site(r$m, r$times, 5, TRUE)
w <- t.test(fr$slopes, fs$slopes, conf.level = 0.90)
p("curves.aggregates.slope_source", mean(fs$slopes))
p("curves.aggregates.slope_receiving", mean(fr$slopes))
p("curves.aggregates.slope_difference", mean(fr$slopes) - mean(fs$slopes))
p("curves.aggregates.se", w$stderr); p("curves.aggregates.df", w$parameter)
p("curves.aggregates.ci_lower", w$conf.int[1]); p("curves.aggregates.ci_upper", w$conf.int[2])
p("curves.aggregates.p_slopes_source", fs$p_s)
p("curves.aggregates.p_intercepts_source", fs$p_i)
p("curves.aggregates.p_slopes_receiving", fr$p_s)
p("curves.aggregates.p_intercepts_receiving", fr$p_i)
p("curves.aggregates.shelf_life_source", fs$shelf[1])
p("curves.aggregates.shelf_life_receiving", fr$shelf[1])
