# lines.gp - a generic line chart: the operating characteristics of tt plan
# (probability of passing against the true difference, one line per lot
# count or sd ratio).
#
# Set by tt before this template (strings are user text: use them only as
# titles, labels and tic labels):
#   title_text, subtitle_text, xlabel_text, ylabel_text
#   n_series, series_label[1..n_series]
#   $lines                  x y; series separated by two blank lines (index)
#   has_y_range, y_min, y_max, x_min, x_max
#   has_reference, reference_label, $reference   x y, two rows

set title title_text . "\n" . subtitle_text
set xlabel xlabel_text
set ylabel ylabel_text
set xrange [x_min:x_max]
if (has_y_range) { set yrange [y_min:y_max] }
set grid xtics ytics

plot $reference using 1:2 with lines dt 2 lw 1.5 lc rgb col_spec \
	title (has_reference ? reference_label : ''), \
     for [i = 1:n_series] $lines index (i - 1) using 1:2 with linespoints lw 2 \
	pt series_pt[(i - 1) % 7 + 1] ps 0.8 lc rgb series_rgb[(i - 1) % 7 + 1] \
	title series_label[i]
