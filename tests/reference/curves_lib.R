# curves_lib.R - the profile and stability computations shared by curves.R
# (unit-level reference values) and engine_golden.R (the golden studies),
# in base R only (stats: cov, solve, qf, lm, anova, predict, uniroot).
# Each follows METHODS.md's definition, written independently of tt's C.

## MSD (Tsong et al. 1996): one lot per row, one time point per column.
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

## f2 on two mean profiles.
f2 <- function(r, t) 50 * log10(100 / sqrt(1 + mean((r - t)^2)))

`%||%` <- function(a, b) if (is.null(a)) b else a

## One lot per row of m, one time per column (times).
long <- function(m, times) data.frame(lot = factor(rep(seq_len(nrow(m)), each = ncol(m))),
                                      t = rep(times, nrow(m)), y = as.vector(t(m)))

## The one-sided 95% bound is a side of the two-sided 90% interval.
bound <- function(fit, t, lot, upper) {
  nd <- data.frame(t = t, lot = factor(lot, levels = levels(fit$model$lot %||% factor(1))))
  pr <- predict(fit, newdata = nd, interval = "confidence", level = 0.90)
  if (upper) pr[, "upr"] else pr[, "lwr"]
}

## The earliest crossing over the model's lines, and the lot that sets it.
shelf <- function(fit, lots, spec, upper, cap) {
  best <- NA; best_lot <- NA
  for (k in lots) {
    g <- function(t) if (upper) spec - bound(fit, t, k, TRUE) else bound(fit, t, k, FALSE) - spec
    if (g(0) < 0) { x <- 0 }
    else if (g(cap) >= 0) { x <- NA }
    else x <- uniroot(g, c(0, cap), tol = 1e-13)$root
    if (!is.na(x) && (is.na(best) || x < best)) { best <- x; best_lot <- k }
  }
  c(best, best_lot)
}

## ICH Q1E for one site: lot slopes and intercepts, the three models, the
## poolability tests and the shelf life against one spec limit.
stability_site <- function(m, times, spec, upper, cap = 10 * max(times)) {
  d <- long(m, times)
  lines <- lapply(seq_len(nrow(m)), function(i) coef(lm(m[i, ] ~ times)))
  slopes <- sapply(lines, `[`, 2); ints <- sapply(lines, `[`, 1)
  single <- lm(y ~ t, d); common <- lm(y ~ t + lot, d); full <- lm(y ~ t * lot, d)
  ## Pairwise anova: each F uses the larger model's residual mean square,
  ## as ICH Q1E and METHODS.md define it (a three-model anova() would use
  ## the full model's for both).
  a_s <- anova(common, full); a_i <- anova(single, common)
  p_s <- a_s$`Pr(>F)`[2]; p_i <- a_i$`Pr(>F)`[2]
  model <- if (p_s <= 0.25) "none" else if (p_i <= 0.25) "common-slope" else "full"
  fit <- switch(model, none = full, `common-slope` = common, full = single)
  lots <- if (model == "full") 1 else seq_len(nrow(m))
  list(slopes = unname(slopes), ints = unname(ints), full = full, common = common,
       single = single, F_s = a_s$F[2], p_s = p_s, F_i = a_i$F[2], p_i = p_i,
       model = model, fit = fit, shelf = shelf(fit, lots, spec, upper, cap))
}
