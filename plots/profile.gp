# profile.gp - a profile comparison (f2, bootstrap f2, MSD): each lot's
# curve as a thin line and each site's mean curve as a thick one.
#
# Set by tt before this template (strings are user text: use them only as
# titles, labels and tic labels):
#   title_text, subtitle_text, xlabel_text, ylabel_text
#   source_label, receiving_label      the sites, for the key (lot lines)
#   $source_lots, $receiving_lots   time value; a blank line between lots
#   $source_mean, $receiving_mean   time value
#   x_min, x_max, y_min, y_max

set title title_text . "\n" . subtitle_text
set xlabel xlabel_text
set ylabel ylabel_text
set xrange [x_min:x_max]
set yrange [y_min:y_max]

plot $source_lots using 1:2 with lines lw 1 lc rgb col_source_light \
	title source_label, \
     $receiving_lots using 1:2 with lines lw 1 dt 2 lc rgb col_receiving_light \
	title receiving_label, \
     $source_mean using 1:2 with linespoints lw 3 pt pt_source ps 1.1 lc rgb col_source \
	title 'source mean', \
     $receiving_mean using 1:2 with linespoints lw 3 pt pt_receiving ps 1.3 \
	lc rgb col_receiving title 'receiving mean'
