// Bridges libpq (PostgreSQL's C client library) into Swift.
#ifndef RJHUB_CLIBPQ_SHIM_H
#define RJHUB_CLIBPQ_SHIM_H
#if __has_include(<libpq-fe.h>)
#include <libpq-fe.h>
#else
#include <postgresql/libpq-fe.h>
#endif
#endif
