# forest.gp - every equivalence comparison on one axis: the point estimate
# and confidence interval divided by the margin, so that the margins are -1
# and +1 for every row (ratios are divided on the ln scale).
#
# Set by tt before this template (strings are user text: use them only as
# titles, labels and tic labels):
#   title_text, subtitle_text, xlabel_text
#   n_rows, row_label[1..n_rows]   attribute names, top to bottom
#   row_text[1..n_rows]            the estimate, CI and margin in the
#                                  attribute's own units
#   right_header                   the heading of the row_text column
#   right_edge                     where the plot ends (screen fraction),
#                                  leaving room for the row_text column
#   $forest                        row estimate lower upper outcome
#                                  (outcome 0 pass, 1 fail, 2 other)
#   n_pass, n_fail, n_other
#   x_lim                          the x axis spans [-x_lim, x_lim]

set title title_text . "\n" . subtitle_text offset 0, 1
set xlabel xlabel_text
set xrange [-x_lim:x_lim]
set yrange [n_rows + 0.5:0.5]
set ytics () scale 0
do for [i = 1:n_rows] { set ytics add (row_label[i] i) }
set grid noytics xtics
set rmargin at screen right_edge
set tmargin 6
set label 999 right_header at graph 1.02, graph 1 left offset 0, 0.8 font ',11' \
	textcolor rgb '#444444'
do for [i = 1:n_rows] { set label 1000 + i row_text[i] at graph 1.02, first i left }
set object 1 rect from -1, graph 0 to 1, graph 1 fc rgb col_band \
	fs transparent solid 0.15 noborder behind
set arrow 1 from -1, graph 0 to -1, graph 1 nohead dt 2 lw 1.5 lc rgb col_spec
set arrow 2 from 1, graph 0 to 1, graph 1 nohead dt 2 lw 1.5 lc rgb col_spec
set arrow 3 from 0, graph 0 to 0, graph 1 nohead lw 1 lc rgb '#999999'
set errorbars small

plot $forest using ($5 == 0 ? $2 : NaN):1:3:4 with xerrorbars pt 7 ps 1.3 lw 2 \
	lc rgb col_pass title (n_pass > 0 ? 'pass' : ''), \
     $forest using ($5 == 1 ? $2 : NaN):1:3:4 with xerrorbars pt 5 ps 1.3 lw 2 \
	lc rgb col_fail title (n_fail > 0 ? 'fail' : ''), \
     $forest using ($5 == 2 ? $2 : NaN):1:3:4 with xerrorbars pt 13 ps 1.3 lw 2 \
	lc rgb col_other title (n_other > 0 ? 'inconclusive' : ''), \
     NaN with lines dt 2 lw 1.5 lc rgb col_spec title 'equivalence margin'
