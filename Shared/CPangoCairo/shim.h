#ifndef RJHUB_CPANGOCAIRO_SHIM_H
#define RJHUB_CPANGOCAIRO_SHIM_H
/* Cairo (with its PDF surface) and Pango laid out on Cairo, from Debian's libcairo2-dev and
   libpango1.0-dev: the letters' renderer (Shared/LetterDocuments). */
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

/* PANGO_SCALE as a typed constant (the macro's type is left to the importer). */
static const int rjhub_pango_scale = PANGO_SCALE;
#endif
