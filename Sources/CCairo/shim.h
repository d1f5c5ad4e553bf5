// Cairo with its PDF, SVG, PNG and FreeType back ends (Debian: libcairo2-dev), and zlib
// (zlib1g-dev, pulled in by libcairo2-dev through libpng-dev) for fast PNG encoding.
#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo-ft.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <zlib.h>
