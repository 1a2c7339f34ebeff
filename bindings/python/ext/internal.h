/* SPDX-License-Identifier: LGPL-2.1-or-later OR MIT */
/*
 * gpioirq._gpioirq: the C extension's shared declarations. A thin layer over
 * the public API of <gpioirq.h>; the friendly shapes are in the package
 * gpioirq (gpioirq/__init__.py).
 *
 * The GIL and the library's locks. Every library call that may block, or
 * wait for a callback to finish (release, reconfigure, thread start/stop,
 * wait, close), runs with the GIL released: callbacks take the GIL, so a
 * caller holding it while the library waits for a callback would deadlock.
 *
 * Lifetimes. A Pin with a handler holds a reference to itself (self_ref), so
 * the object a callback's user_data points at lives until the line is
 * released (close() or irq(None) drop it afterwards); a Pin holds its Context.
 * Callbacks read pin->handler and ctx->on_drop with the GIL held, and do
 * nothing when they are NULL.
 */
#ifndef GPIOIRQ_PY_INTERNAL_H
#define GPIOIRQ_PY_INTERNAL_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <gpioirq.h>

typedef struct ContextObject {
	PyObject_HEAD
	struct gpioirq *ctx;		/* NULL once closed */
	PyObject *on_drop;		/* callable or NULL */
	int dispatcher;			/* start the dispatcher thread for handlers */
	int thread_running;
	struct ContextObject *next;	/* in the list of running threads */
	struct ContextObject *prev;
	PyObject *weakreflist;
} ContextObject;

typedef struct {
	PyObject_HEAD
	ContextObject *context;		/* strong reference */
	struct gpioirq_line *line;	/* input: NULL once closed */
	struct gpioirq_output *output;	/* mode=Pin.OUT: NULL once closed */
	char output_chip[GPIOIRQ_NAME_SIZE];	/* mode=Pin.OUT: the chip's device name */
	unsigned int output_offset;	/* mode=Pin.OUT: the line's offset */
	PyObject *handler;		/* NULL in wait mode */
	PyObject *self_ref;		/* the Pin itself while handler is set */
	PyObject *id;			/* as given: name, or chip */
	PyObject *offset;		/* as given, or None */
	struct gpioirq_line_settings settings;
	PyObject *weakreflist;
} PinObject;

extern PyTypeObject GpioirqContext_Type;
extern PyTypeObject GpioirqPin_Type;
extern PyTypeObject *GpioirqEvent_Type;

/* event.c */
int gpioirq_py_event_init(PyObject *module);
PyObject *gpioirq_py_event_new(const struct gpioirq_event *ev, PyObject *pin);

/* context.c */
ContextObject *gpioirq_py_default_context(void);
int gpioirq_py_context_check(ContextObject *self);
int gpioirq_py_context_need_thread(ContextObject *self);
PyObject *gpioirq_py_shutdown(PyObject *module, PyObject *unused);

/* pin.c */
int gpioirq_py_pin_constants(void);

/* module.c */
PyObject *gpioirq_py_error(int err, const char *what);
PyObject *gpioirq_py_oserror(PyObject *args);
PyObject *gpioirq_py_open_error(int err, const char *path);
void gpioirq_py_report_exception(void);
int gpioirq_py_finalizing(void);

#endif /* GPIOIRQ_PY_INTERNAL_H */
