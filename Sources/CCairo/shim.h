// Cairo with its PDF, SVG, PNG and FreeType back ends (Debian: libcairo2-dev).
#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo-ft.h>
#include <ft2build.h>
#include FT_FREETYPE_H
