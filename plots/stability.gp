# stability.gp - a stability comparison: each lot's results over time with
# its fitted line, the specification limit and each site's shelf life.
#
# Set by tt before this template (strings are user text: use them only as
# titles, labels and tic labels):
#   title_text, subtitle_text, xlabel_text, ylabel_text
#   source_label, receiving_label
#   $source_points, $receiving_points   time value
#   $source_fits, $receiving_fits       time fitted: two rows per lot, a
#                                       blank line between lots
#   has_spec_min, has_spec_max, spec_label, $spec   x min max, two rows
#   has_shelf_source, shelf_source, shelf_source_text      and the same
#   has_shelf_receiving, shelf_receiving, shelf_receiving_text for receiving
#   x_min, x_max, y_min, y_max

set title title_text . "\n" . subtitle_text
set xlabel xlabel_text
set ylabel ylabel_text
set xrange [x_min:x_max]
set yrange [y_min:y_max]
if (has_shelf_source) {
	set arrow 1 from shelf_source, graph 0 to shelf_source, graph 1 nohead dt 3 lw 2 \
		lc rgb col_source
	set label 1 shelf_source_text at shelf_source, graph 0.97 right offset -0.5, 0 \
		textcolor rgb col_source
}
if (has_shelf_receiving) {
	set arrow 2 from shelf_receiving, graph 0 to shelf_receiving, graph 1 nohead dt 3 lw 2 \
		lc rgb col_receiving
	set label 2 shelf_receiving_text at shelf_receiving, graph 0.91 right offset -0.5, 0 \
		textcolor rgb col_receiving
}

plot $spec using 1:2 with lines dt 2 lw 1.5 lc rgb col_spec title (has_spec_min ? spec_label : ''), \
     $spec using 1:3 with lines dt 2 lw 1.5 lc rgb col_spec \
	title (has_spec_max && !has_spec_min ? spec_label : ''), \
     $source_fits using 1:2 with lines lw 1.5 lc rgb col_source notitle, \
     $receiving_fits using 1:2 with lines lw 1.5 dt 2 lc rgb col_receiving notitle, \
     $source_points using 1:2 with points pt pt_source ps 1.0 lc rgb col_source \
	title source_label, \
     $receiving_points using 1:2 with points pt pt_receiving ps 1.2 lc rgb col_receiving \
	title receiving_label
