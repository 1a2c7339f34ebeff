// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * gpioirq.Context: one struct gpioirq (an open /dev/gpioirq and its ring),
 * its dispatcher thread, its drop counter and on_drop callback.
 */
#include <errno.h>

#include "internal.h"

static ContextObject *default_context;
/* Contexts whose dispatcher thread runs; changed with the GIL held. */
static ContextObject *running;

int gpioirq_py_context_check(ContextObject *self)
{
	if (!self->ctx) {
		PyErr_SetString(PyExc_ValueError, "operation on a closed gpioirq.Context");
		return -1;
	}
	return 0;
}

/* Runs in the consumer thread, before the first event after a loss. */
static void context_drop_callback(struct gpioirq *ctx, uint64_t lost, void *arg)
{
	ContextObject *self = arg;
	PyGILState_STATE gs;
	PyObject *cb, *ret;

	(void)ctx;
	if (gpioirq_py_finalizing())
		return;
	gs = PyGILState_Ensure();
	cb = self->on_drop;
	if (cb) {
		Py_INCREF(cb);
		ret = PyObject_CallFunction(cb, "K", (unsigned long long)lost);
		if (ret)
			Py_DECREF(ret);
		else
			gpioirq_py_report_exception();
		Py_DECREF(cb);
	}
	PyGILState_Release(gs);
}

static int context_open(ContextObject *self, const char *path, unsigned int entries, int dispatcher)
{
	struct gpioirq *ctx;
	int err;

	Py_BEGIN_ALLOW_THREADS
	ctx = gpioirq_open_ring(path, entries);
	err = errno;
	Py_END_ALLOW_THREADS
	if (!ctx) {
		if (err == EINVAL)
			PyErr_Format(PyExc_ValueError, "ring_entries=%u: not a power of two the module accepts",
				     entries);
		else
			gpioirq_py_open_error(err, path ?: GPIOIRQ_DEVICE_PATH);
		return -1;
	}
	/* The context's own pointer is the callback's argument: it outlives the ring. */
	gpioirq_set_drop_callback(ctx, context_drop_callback, self);
	self->ctx = ctx;
	self->dispatcher = dispatcher;
	return 0;
}

static void running_remove(ContextObject *self)
{
	if (self->prev)
		self->prev->next = self->next;
	else if (running == self)
		running = self->next;
	if (self->next)
		self->next->prev = self->prev;
	self->next = self->prev = NULL;
}

/*
 * Start the dispatcher thread for handlers, once, when the context was made
 * with dispatcher=True. With the GIL.
 */
int gpioirq_py_context_need_thread(ContextObject *self)
{
	int ret, err;

	if (!self->dispatcher || self->thread_running)
		return 0;
	Py_BEGIN_ALLOW_THREADS
	ret = gpioirq_thread_start(self->ctx, NULL);
	err = errno;
	Py_END_ALLOW_THREADS
	if (ret && err != EBUSY) {
		gpioirq_py_error(err, "cannot start the dispatcher thread");
		return -1;
	}
	self->thread_running = 1;
	self->next = running;
	self->prev = NULL;
	if (running)
		running->prev = self;
	running = self;
	return 0;
}

/* Stop the thread (with the GIL; it is released while joining). */
static void context_stop_thread(ContextObject *self)
{
	if (!self->thread_running)
		return;
	running_remove(self);
	self->thread_running = 0;
	Py_BEGIN_ALLOW_THREADS
	gpioirq_thread_stop(self->ctx);
	Py_END_ALLOW_THREADS
}

static int context_close(ContextObject *self)
{
	struct gpioirq *ctx = self->ctx;
	int ret = 0, err = 0;

	if (!ctx)
		return 0;
	context_stop_thread(self);
	self->ctx = NULL;
	Py_BEGIN_ALLOW_THREADS
	ret = gpioirq_close(ctx);
	err = errno;
	Py_END_ALLOW_THREADS
	if (ret) {
		/* EDEADLK: from a handler of this context; nothing was closed. */
		self->ctx = ctx;
		gpioirq_py_error(err, "cannot close a context from one of its own handlers");
		return -1;
	}
	if (self == default_context) {
		default_context = NULL;
		Py_DECREF(self);
	}
	return 0;
}

PyObject *gpioirq_py_shutdown(PyObject *module, PyObject *unused)
{
	(void)module;
	(void)unused;
	while (running)
		context_stop_thread(running);
	Py_RETURN_NONE;
}

/* A new reference to the default context, opened on first use. */
ContextObject *gpioirq_py_default_context(void)
{
	ContextObject *self;

	if (!default_context) {
		self = PyObject_GC_New(ContextObject, &GpioirqContext_Type);
		if (!self)
			return NULL;
		self->ctx = NULL;
		self->on_drop = NULL;
		self->thread_running = 0;
		self->next = self->prev = NULL;
		self->weakreflist = NULL;
		PyObject_GC_Track(self);
		if (context_open(self, NULL, 0, 1)) {
			Py_DECREF(self);
			return NULL;
		}
		if (!default_context)
			default_context = self;	/* the module's reference */
		else
			Py_DECREF(self);	/* another thread opened one meanwhile */
	}
	Py_INCREF(default_context);
	return default_context;
}

static int context_init(ContextObject *self, PyObject *args, PyObject *kwds)
{
	static char *kwlist[] = { "path", "ring_entries", "dispatcher", NULL };
	const char *path = NULL;
	unsigned int entries = 0;
	int dispatcher = 1;

	if (!PyArg_ParseTupleAndKeywords(args, kwds, "|zIp:Context", kwlist, &path, &entries,
					 &dispatcher))
		return -1;
	if (self->ctx) {
		PyErr_SetString(PyExc_RuntimeError, "Context already initialised");
		return -1;
	}
	return context_open(self, path, entries, dispatcher);
}

static int context_traverse(ContextObject *self, visitproc visit, void *arg)
{
	Py_VISIT(self->on_drop);
	return 0;
}

static int context_clear(ContextObject *self)
{
	Py_CLEAR(self->on_drop);
	return 0;
}

static void context_dealloc(ContextObject *self)
{
	PyObject_GC_UnTrack(self);
	if (self->weakreflist)
		PyObject_ClearWeakRefs((PyObject *)self);
	if (self->ctx && context_close(self))
		PyErr_WriteUnraisable((PyObject *)self);
	context_clear(self);
	Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *context_close_method(ContextObject *self, PyObject *unused)
{
	(void)unused;
	if (context_close(self))
		return NULL;
	Py_RETURN_NONE;
}

static PyObject *context_enter(ContextObject *self, PyObject *unused)
{
	(void)unused;
	if (gpioirq_py_context_check(self))
		return NULL;
	Py_INCREF(self);
	return (PyObject *)self;
}

static PyObject *context_exit(ContextObject *self, PyObject *args)
{
	(void)args;
	return context_close_method(self, NULL);
}

static PyObject *context_fileno(ContextObject *self, PyObject *unused)
{
	(void)unused;
	if (gpioirq_py_context_check(self))
		return NULL;
	return PyLong_FromLong(gpioirq_get_fd(self->ctx));
}

static PyObject *context_dispatch(ContextObject *self, PyObject *args, PyObject *kwds)
{
	static char *kwlist[] = { "timeout_ms", NULL };
	int timeout_ms = 0, n, err;

	if (!PyArg_ParseTupleAndKeywords(args, kwds, "|i:dispatch", kwlist, &timeout_ms))
		return NULL;
	if (gpioirq_py_context_check(self))
		return NULL;
	if (timeout_ms < -1)
		return PyErr_Format(PyExc_ValueError, "timeout_ms=%d: -1, 0 or more", timeout_ms);
	Py_BEGIN_ALLOW_THREADS
	n = gpioirq_dispatch(self->ctx, timeout_ms);
	err = errno;
	Py_END_ALLOW_THREADS
	if (n < 0) {
		if (err == EINTR && !PyErr_CheckSignals())
			return PyLong_FromLong(0);
		if (err == EINTR)
			return NULL;
		return gpioirq_py_error(err, err == EBUSY ? "the dispatcher thread runs this context" :
					"dispatch failed");
	}
	/* A handler that raised has been reported; a pending signal has not. */
	if (PyErr_CheckSignals())
		return NULL;
	return PyLong_FromLong(n);
}

static PyObject *context_stats(ContextObject *self, PyObject *unused)
{
	struct gpioirq_stats st;

	(void)unused;
	if (gpioirq_py_context_check(self))
		return NULL;
	if (gpioirq_get_stats(self->ctx, &st))
		return gpioirq_py_error(errno, "gpioirq_get_stats");
	return Py_BuildValue("{sKsKsKsKsKsKsKsK}", "events", (unsigned long long)st.events,
			     "callbacks", (unsigned long long)st.callbacks,
			     "lost", (unsigned long long)st.lost,
			     "ring_dropped", (unsigned long long)st.ring_dropped,
			     "bad_heads", (unsigned long long)st.bad_heads,
			     "stale", (unsigned long long)st.stale,
			     "unclaimed", (unsigned long long)st.unclaimed,
			     "sleeps", (unsigned long long)st.sleeps);
}

static PyObject *context_get_dropped(ContextObject *self, void *closure)
{
	struct gpioirq_stats st;

	(void)closure;
	if (gpioirq_py_context_check(self))
		return NULL;
	if (gpioirq_get_stats(self->ctx, &st))
		return gpioirq_py_error(errno, "gpioirq_get_stats");
	return PyLong_FromUnsignedLongLong(st.lost);
}

static PyObject *context_get_on_drop(ContextObject *self, void *closure)
{
	(void)closure;
	if (!self->on_drop)
		Py_RETURN_NONE;
	Py_INCREF(self->on_drop);
	return self->on_drop;
}

static int context_set_on_drop(ContextObject *self, PyObject *value, void *closure)
{
	(void)closure;
	if (value == Py_None)
		value = NULL;
	if (value && !PyCallable_Check(value)) {
		PyErr_SetString(PyExc_ValueError, "on_drop must be callable or None");
		return -1;
	}
	Py_XINCREF(value);
	Py_XSETREF(self->on_drop, value);
	return 0;
}

static PyObject *context_get_closed(ContextObject *self, void *closure)
{
	(void)closure;
	return PyBool_FromLong(!self->ctx);
}

static PyObject *context_get_ring_entries(ContextObject *self, void *closure)
{
	(void)closure;
	if (gpioirq_py_context_check(self))
		return NULL;
	return PyLong_FromUnsignedLong(gpioirq_get_ring_entries(self->ctx));
}

static PyObject *context_get_dispatcher(ContextObject *self, void *closure)
{
	(void)closure;
	return PyBool_FromLong(self->dispatcher);
}

/* False stops the thread now (pending events stay for dispatch()); True lets irq() start it. */
static int context_set_dispatcher(ContextObject *self, PyObject *value, void *closure)
{
	int v;

	(void)closure;
	if (!value) {
		PyErr_SetString(PyExc_AttributeError, "cannot delete dispatcher");
		return -1;
	}
	v = PyObject_IsTrue(value);
	if (v < 0 || gpioirq_py_context_check(self))
		return -1;
	self->dispatcher = v;
	if (!v)
		context_stop_thread(self);
	return 0;
}

static PyObject *context_get_dispatcher_running(ContextObject *self, void *closure)
{
	(void)closure;
	return PyBool_FromLong(self->thread_running);
}

static PyMethodDef context_methods[] = {
	{ "close", (PyCFunction)context_close_method, METH_NOARGS,
	  "close() -> None\n\nStop the dispatcher thread, release every Pin of the context, close\n"
	  "the device. Pins of a closed context raise ValueError. Does nothing when\n"
	  "closed already. Raises OSError(EDEADLK) from a handler of this context." },
	{ "fileno", (PyCFunction)context_fileno, METH_NOARGS,
	  "fileno() -> int\n\nA descriptor that is readable when dispatch() has work (for\n"
	  "select/selectors/asyncio's add_reader). Owned by the context: do not close it." },
	{ "dispatch", (PyCFunction)(void (*)(void))context_dispatch, METH_VARARGS | METH_KEYWORDS,
	  "dispatch(timeout_ms=0) -> int\n\nRun the handlers of pending events in this thread (a context\n"
	  "made with dispatcher=False). timeout_ms: 0 returns at once, -1 waits forever,\n"
	  "> 0 waits at most this long (ms) for an event. Returns the number of events\n"
	  "taken. Raises ValueError (timeout_ms < -1), OSError(EBUSY) when the\n"
	  "dispatcher thread runs, OSError(EDEADLK) from a handler." },
	{ "stats", (PyCFunction)context_stats, METH_NOARGS,
	  "stats() -> dict\n\nThe library's counters since open: events, callbacks, lost,\n"
	  "ring_dropped, bad_heads, stale, unclaimed, sleeps." },
	{ "__enter__", (PyCFunction)context_enter, METH_NOARGS, NULL },
	{ "__exit__", (PyCFunction)context_exit, METH_VARARGS, NULL },
	{ NULL, NULL, 0, NULL },
};

static PyGetSetDef context_getset[] = {
	{ "dropped", (getter)context_get_dropped, NULL,
	  "events lost by this context since it was opened (gaps in seqno: the ring\n"
	  "or a line's top-half buffer was full)", NULL },
	{ "on_drop", (getter)context_get_on_drop, (setter)context_set_on_drop,
	  "None, or a callable on_drop(count) run in the dispatching thread before the\n"
	  "first event after a loss; count is the number of events lost (0: unknown)", NULL },
	{ "closed", (getter)context_get_closed, NULL, "True once close() ran", NULL },
	{ "ring_entries", (getter)context_get_ring_entries, NULL, "the ring's size in events", NULL },
	{ "dispatcher", (getter)context_get_dispatcher, (setter)context_set_dispatcher,
	  "True: the first irq(handler) starts the dispatcher thread, which runs every\n"
	  "handler of the context; False: dispatch() runs them (asyncio sets it, and\n"
	  "setting it stops a running thread; events pending stay in the ring)", NULL },
	{ "dispatcher_running", (getter)context_get_dispatcher_running, NULL,
	  "True while the dispatcher thread runs handlers", NULL },
	{ NULL, NULL, NULL, NULL, NULL },
};

PyTypeObject GpioirqContext_Type = {
	PyVarObject_HEAD_INIT(NULL, 0)
	.tp_name = "gpioirq.Context",
	.tp_basicsize = sizeof(ContextObject),
	.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
	.tp_doc = "Context(path=None, ring_entries=0, dispatcher=True)\n\n"
		  "An open gpioirq device with its event ring. Pins of one context share\n"
		  "its ring: their handlers run one at a time, in ring order, in one thread.\n"
		  "path: the device, None for /dev/gpioirq; ring_entries: ring size in\n"
		  "events, a power of two, 0 for the module's default; dispatcher: True\n"
		  "runs handlers in a thread the context starts on the first irq(handler),\n"
		  "False leaves that to dispatch() (asyncio does it).\n\n"
		  "Raises FileNotFoundError (module not loaded), PermissionError, ValueError\n"
		  "(a ring size the module refuses), OSError.",
	.tp_weaklistoffset = offsetof(ContextObject, weakreflist),
	.tp_new = PyType_GenericNew,
	.tp_init = (initproc)context_init,
	.tp_dealloc = (destructor)context_dealloc,
	.tp_traverse = (traverseproc)context_traverse,
	.tp_clear = (inquiry)context_clear,
	.tp_methods = context_methods,
	.tp_getset = context_getset,
};
