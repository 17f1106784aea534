# lots.gp - one lot-level comparison (equivalence, quality range, tolerance
# interval, min-max, graphical): every lot's value, both sites, in date
# order, with the acceptance range, the specification limits and the means.
#
# Set by tt before this template (strings are user text: use them only as
# titles, labels and tic labels):
#   title_text, subtitle_text, xlabel_text, ylabel_text
#   source_label, receiving_label      the sites, for the key
#   n_lots, lot_label[1..n_lots]       lot ids in x order
#   lot_tic_step                       label every lot_tic_step-th lot
#   left_margin                        characters of room for a long first
#                                      label, or 0
#   has_split, split_x                 undated lots: where the source lots
#                                      end and the receiving lots begin
#   $source, $receiving                x value: one row per lot
#   $outside                           x value: receiving lots outside the range
#   n_outside
#   has_band, band_label, $band        x lower upper: the range, two rows
#   has_means, $means                  x source_mean receiving_mean, two rows
#   mean_word                          'mean' or 'geometric mean'
#   has_spec_min, has_spec_max, spec_label, $spec   x min max, two rows
#   log_y, x_min, x_max, y_min, y_max
#   n_ytics, ytic_value[1..n_ytics]    tic values for a log axis (gnuplot's
#                                      own label only powers of ten)
# Datablocks with nothing to show hold one row of NaN.

set title title_text . "\n" . subtitle_text
set xlabel xlabel_text
set ylabel ylabel_text
set xrange [x_min:x_max]
set yrange [y_min:y_max]
if (log_y) {
	set logscale y
	if (n_ytics > 0) {
		set ytics ()
		set mytics 1
		do for [i = 1:n_ytics] { set ytics add (sprintf('%g', ytic_value[i]) ytic_value[i]) }
	}
}
set xtics () rotate by 45 right
do for [i = 1:n_lots:lot_tic_step] { set xtics add (lot_label[i] i) }
if (left_margin > 0) { set lmargin left_margin }
if (has_split) {
	set arrow 1 from split_x, graph 0 to split_x, graph 1 nohead dt 3 lw 1.5 lc rgb '#888888'
}

plot $band using 1:2:3 with filledcurves fc rgb col_band fs transparent solid 0.22 noborder \
	title (has_band ? band_label : ''), \
     $spec using 1:2 with lines dt 2 lw 1.5 lc rgb col_spec title (has_spec_min ? spec_label : ''), \
     $spec using 1:3 with lines dt 2 lw 1.5 lc rgb col_spec \
	title (has_spec_max && !has_spec_min ? spec_label : ''), \
     $means using 1:2 with lines dt 4 lw 1.5 lc rgb col_source \
	title (has_means ? 'source ' . mean_word : ''), \
     $means using 1:3 with lines dt 4 lw 1.5 lc rgb col_receiving \
	title (has_means ? 'receiving ' . mean_word : ''), \
     $source using 1:2 with points pt pt_source ps 1.1 lc rgb col_source title source_label, \
     $receiving using 1:2 with points pt pt_receiving ps 1.3 lc rgb col_receiving \
	title receiving_label, \
     $outside using 1:2 with points pt pt_outside ps 2.3 lw 1.5 lc rgb col_fail \
	title (n_outside > 0 ? 'receiving lot outside the range' : '')
