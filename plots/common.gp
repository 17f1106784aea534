# common.gp - the font, palette and frame every figure shares.
#
# tt copies this file into the script at the start of every figure, after
# `reset` and before the figure's own template, so every variable here is
# visible to the templates.  The colours are the Okabe-Ito palette (Okabe
# and Ito 2008), distinguishable with every common colour-vision deficiency
# and in greyscale print, where the point shapes also tell the sites apart.

tt_font = 'Helvetica,12'
title_font = 'Helvetica,14'

col_source = '#0072B2'          # blue: the source site
col_receiving = '#E69F00'       # orange: the receiving site
col_source_light = '#500072B2'  # the same, partly transparent (alpha first)
col_receiving_light = '#50E69F00'
col_pass = '#009E73'            # bluish green
col_fail = '#D55E00'            # vermillion
col_other = '#666666'           # inconclusive or information only
col_band = '#56B4E9'            # sky blue, filled partly transparent
col_spec = '#333333'            # specification limits, dashed
col_grid = '#E0E0E0'

pt_source = 7                   # filled circle
pt_receiving = 9                # filled triangle
pt_outside = 6                  # open circle drawn around a point

array series_rgb[7] = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000']
array series_pt[7] = [7, 9, 5, 11, 13, 15, 4]

set border 3 lw 1 lc rgb '#444444'
set tics nomirror out scale 0.6 textcolor rgb '#222222'
set grid ytics lc rgb col_grid lw 1 dt 1
set key below horizontal noautotitle samplen 2.5 spacing 1.2 width 1
set title font title_font
