// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * gpioirq.Pin: one requested line (struct gpioirq_line) in MicroPython's
 * shape: value(), irq(), and MicroPythonRT's wait().
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define PIN_IN		0
#define PIN_OUT		1
#define PIN_IRQ_RISING	GPIOIRQ_EDGES_RISING
#define PIN_IRQ_FALLING	GPIOIRQ_EDGES_FALLING

/* The line, or NULL with ValueError when the Pin or its context is closed. */
static struct gpioirq_line *pin_line(PinObject *self)
{
	if (self->output) {
		PyErr_SetString(PyExc_RuntimeError,
				"the Pin is an output (mode=Pin.OUT): irq(), wait() and stats() "
				"need an input");
		return NULL;
	}
	if (!self->line || !self->context || !self->context->ctx) {
		PyErr_SetString(PyExc_ValueError, "operation on a closed gpioirq.Pin");
		return NULL;
	}
	return self->line;
}

/* The library's line callback: @arg is the Pin, kept alive by self_ref. */
static void pin_callback(const struct gpioirq_event *ev, void *arg)
{
	PinObject *self = arg;
	PyObject *handler, *event, *ret = NULL;
	PyGILState_STATE gs;

	if (gpioirq_py_finalizing())
		return;
	gs = PyGILState_Ensure();
	handler = self->handler;
	if (!handler)
		goto out;	/* irq(None) or close() won the race: the event goes */
	Py_INCREF(handler);
	event = gpioirq_py_event_new(ev, (PyObject *)self);
	if (event) {
		ret = PyObject_CallOneArg(handler, event);
		Py_DECREF(event);
	}
	if (ret)
		Py_DECREF(ret);
	else
		gpioirq_py_report_exception();
	Py_DECREF(handler);
out:
	PyGILState_Release(gs);
}

static int parse_bias(PyObject *o, enum gpioirq_bias *bias)
{
	long v;

	if (o == Py_None) {
		*bias = GPIOIRQ_BIAS_AS_IS;
		return 0;
	}
	v = PyLong_AsLong(o);
	if (v == -1 && PyErr_Occurred()) {
		PyErr_Clear();
		v = -1;
	}
	if (v < GPIOIRQ_BIAS_PULL_UP || v > GPIOIRQ_BIAS_DISABLED) {
		PyErr_SetString(PyExc_ValueError,
				"bias must be None, Pin.PULL_UP, Pin.PULL_DOWN or Pin.PULL_NONE");
		return -1;
	}
	*bias = (enum gpioirq_bias)v;
	return 0;
}

static int check_debounce(long long us)
{
	if (us < 0 || us > GPIOIRQ_DEBOUNCE_MAX_US) {
		PyErr_Format(PyExc_ValueError, "debounce_us=%lld: 0..%d (microseconds)", us,
			     GPIOIRQ_DEBOUNCE_MAX_US);
		return -1;
	}
	return 0;
}

/* EBUSY: "the line is in use by 'gpiomon'", as gpioinfo shows its holder. */
static PyObject *busy_reason(const char *idstr, PyObject *offset, unsigned int off)
{
	struct gpioirq_line_info info;
	int ret;

	Py_BEGIN_ALLOW_THREADS
	if (offset == Py_None)
		ret = gpioirq_line_get_info_by_name(idstr, &info);
	else
		ret = gpioirq_line_get_info(idstr, off, &info);
	Py_END_ALLOW_THREADS
	if (ret || !info.used)
		return PyUnicode_FromString("the line is in use");
	if (!info.consumer[0])
		return PyUnicode_FromString("the line is in use (its holder gave no name)");
	return PyUnicode_FromFormat("the line is in use by '%s'", info.consumer);
}

static PyObject *request_error(int err, PyObject *id, PyObject *offset, unsigned int off)
{
	PyObject *msg, *why_obj = NULL;
	const char *why;

	switch (err) {
	case ENOENT:
		why = "no GPIO line of that name";
		break;
	case ENODEV:
		why = "no such GPIO chip";
		break;
	case EBUSY:
		why_obj = busy_reason(PyUnicode_AsUTF8(id), offset, off);
		if (!why_obj)
			return NULL;
		why = PyUnicode_AsUTF8(why_obj);
		if (!why) {
			Py_DECREF(why_obj);
			return NULL;
		}
		break;
	case ENXIO:
		why = "the line cannot interrupt";
		break;
	case EOPNOTSUPP:
		why = "the chip cannot do this bias or debounce (or the module takes no consumer name)";
		break;
	case ENOSPC:
		why = "the context holds as many lines as it can";
		break;
	case ENAMETOOLONG:
		why = "the chip's name or the consumer is too long";
		break;
	default:
		why = strerror(err);
		break;
	}
	if (offset == Py_None)
		msg = PyUnicode_FromFormat("%R: %s", id, why);
	else
		msg = PyUnicode_FromFormat("%R, %R: %s", id, offset, why);
	Py_XDECREF(why_obj);
	if (!msg)
		return NULL;
	if (err == EINVAL || err == ENAMETOOLONG) {
		PyErr_SetObject(PyExc_ValueError, msg);
		Py_DECREF(msg);
		return NULL;
	}
	return gpioirq_py_oserror(Py_BuildValue("(iN)", err, msg));
}

/*
 * mode=Pin.OUT: the line driven through libgpiod (gpioirq_output_request()),
 * with no context: the module need not be loaded. What only an input takes
 * is refused.
 */
static int pin_init_output(PinObject *self, PyObject *id, PyObject *offset, unsigned int off,
			   PyObject *value, const char *consumer, PyObject *bias, int active_low,
			   long long debounce_us, PyObject *context)
{
	const char *idstr = PyUnicode_AsUTF8(id);
	struct gpioirq_line_info info;
	struct gpioirq_output *out;
	int v = 0, err, ret;

	if (!idstr)
		return -1;
	if (bias != Py_None || active_low || debounce_us || context != Py_None) {
		PyErr_SetString(PyExc_ValueError,
				"mode=Pin.OUT takes no bias, active_low, debounce_us or context");
		return -1;
	}
	if (value != Py_None) {
		v = PyObject_IsTrue(value);
		if (v < 0)
			return -1;
	}
	Py_BEGIN_ALLOW_THREADS
	if (offset == Py_None)
		out = gpioirq_output_request_by_name(idstr, v, consumer);
	else
		out = gpioirq_output_request(idstr, off, v, consumer);
	err = errno;
	/* For .chip and .offset: the line the request took, as gpioinfo names it. */
	ret = -1;
	if (out && offset == Py_None)
		ret = gpioirq_line_get_info_by_name(idstr, &info);
	else if (out)
		ret = gpioirq_line_get_info(idstr, off, &info);
	Py_END_ALLOW_THREADS
	if (!out) {
		request_error(err, id, offset, off);
		return -1;
	}
	if (ret) {
		snprintf(info.chip, sizeof(info.chip), "%s", idstr);
		info.offset = off;
	}
	snprintf(self->output_chip, sizeof(self->output_chip), "%s", info.chip);
	self->output_offset = info.offset;
	self->output = out;
	Py_INCREF(id);
	Py_XSETREF(self->id, id);
	Py_INCREF(offset);
	Py_XSETREF(self->offset, offset);
	return 0;
}

static int pin_init(PinObject *self, PyObject *args, PyObject *kwds)
{
	static char *kwlist[] = { "id", "offset", "mode", "bias", "active_low", "debounce_us",
				  "context", "consumer", "value", NULL };
	PyObject *id, *offset = Py_None, *bias = Py_None, *context = Py_None, *value = Py_None;
	const char *consumer = NULL;
	int active_low = 0, mode = PIN_IN;
	long long debounce_us = 0;
	unsigned int off = 0;
	struct gpioirq_line *line;
	const char *idstr;
	int err;

	if (!PyArg_ParseTupleAndKeywords(args, kwds, "U|Oi$OpLOzO:Pin", kwlist, &id, &offset, &mode,
					 &bias, &active_low, &debounce_us, &context, &consumer,
					 &value))
		return -1;
	if (self->line || self->output) {
		PyErr_SetString(PyExc_RuntimeError, "Pin already initialised");
		return -1;
	}
	idstr = PyUnicode_AsUTF8(id);
	if (!idstr)
		return -1;
	if (offset != Py_None) {
		long v = PyLong_Check(offset) ? PyLong_AsLong(offset) : -1;

		if (v == -1 && PyErr_Occurred())
			PyErr_Clear();
		if (v < 0 || v > 0xffff) {
			PyErr_Format(PyExc_ValueError, "offset=%R: an int, 0 or more", offset);
			return -1;
		}
		off = (unsigned int)v;
	}
	if (mode != PIN_IN && mode != PIN_OUT) {
		PyErr_Format(PyExc_ValueError, "mode=%d: Pin.IN or Pin.OUT", mode);
		return -1;
	}
	if (mode == PIN_OUT)
		return pin_init_output(self, id, offset, off, value, consumer, bias, active_low,
				       debounce_us, context);
	if (value != Py_None) {
		PyErr_SetString(PyExc_ValueError, "value= is for mode=Pin.OUT: an input's level is read");
		return -1;
	}
	gpioirq_line_settings_init(&self->settings);
	if (parse_bias(bias, &self->settings.bias) || check_debounce(debounce_us))
		return -1;
	self->settings.active_low = active_low;
	self->settings.debounce_us = (uint32_t)debounce_us;
	/* Copied by the request; reconfigure ignores it. */
	self->settings.consumer = consumer;

	if (context == Py_None) {
		self->context = gpioirq_py_default_context();
		if (!self->context)
			return -1;
	} else if (PyObject_TypeCheck(context, &GpioirqContext_Type)) {
		Py_INCREF(context);
		self->context = (ContextObject *)context;
		if (gpioirq_py_context_check(self->context))
			return -1;
	} else {
		PyErr_SetString(PyExc_ValueError, "context must be a gpioirq.Context or None");
		return -1;
	}

	Py_BEGIN_ALLOW_THREADS
	if (offset == Py_None)
		line = gpioirq_line_request_by_name(self->context->ctx, idstr, &self->settings);
	else
		line = gpioirq_line_request(self->context->ctx, idstr, off, &self->settings);
	err = errno;
	Py_END_ALLOW_THREADS
	self->settings.consumer = NULL;
	if (!line) {
		request_error(err, id, offset, off);
		return -1;
	}
	self->line = line;
	Py_INCREF(id);
	Py_XSETREF(self->id, id);
	Py_INCREF(offset);
	Py_XSETREF(self->offset, offset);
	return 0;
}

/* Release the line; the handler and self-reference go after it. */
static void pin_release(PinObject *self)
{
	struct gpioirq_output *output = self->output;
	struct gpioirq_line *line = self->line;
	PyObject *self_ref;

	self->line = NULL;
	self->output = NULL;
	if (output) {
		Py_BEGIN_ALLOW_THREADS
		gpioirq_output_release(output);
		Py_END_ALLOW_THREADS
	}
	if (line && self->context && self->context->ctx) {
		Py_BEGIN_ALLOW_THREADS
		gpioirq_line_release(line);
		Py_END_ALLOW_THREADS
	}
	/* No callback of the line runs now (but the one calling us, if any). */
	Py_CLEAR(self->handler);
	self_ref = self->self_ref;
	self->self_ref = NULL;
	Py_XDECREF(self_ref);
}

static int pin_traverse(PinObject *self, visitproc visit, void *arg)
{
	Py_VISIT(self->context);
	Py_VISIT(self->handler);
	Py_VISIT(self->id);
	Py_VISIT(self->offset);
	return 0;
}

static int pin_clear(PinObject *self)
{
	Py_CLEAR(self->handler);
	Py_CLEAR(self->id);
	Py_CLEAR(self->offset);
	return 0;
}

static void pin_dealloc(PinObject *self)
{
	PyObject_GC_UnTrack(self);
	if (self->weakreflist)
		PyObject_ClearWeakRefs((PyObject *)self);
	/* No handler (it would hold self_ref): no callback of ours can run. */
	pin_release(self);
	pin_clear(self);
	Py_CLEAR(self->context);
	Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *pin_close(PinObject *self, PyObject *unused)
{
	(void)unused;
	pin_release(self);
	Py_RETURN_NONE;
}

static PyObject *pin_enter(PinObject *self, PyObject *unused)
{
	(void)unused;
	if (!self->output && !pin_line(self))
		return NULL;
	Py_INCREF(self);
	return (PyObject *)self;
}

static PyObject *pin_exit(PinObject *self, PyObject *args)
{
	(void)args;
	return pin_close(self, NULL);
}

/* value() and value(x) of a mode=Pin.OUT pin. */
static PyObject *pin_output_value(PinObject *self, PyObject *args)
{
	int v = 0, ret, err;

	if (PyTuple_GET_SIZE(args) > 1) {
		PyErr_SetString(PyExc_TypeError, "value() takes at most one argument");
		return NULL;
	}
	if (PyTuple_GET_SIZE(args) == 1) {
		v = PyObject_IsTrue(PyTuple_GET_ITEM(args, 0));
		if (v < 0)
			return NULL;
	}
	Py_BEGIN_ALLOW_THREADS
	if (PyTuple_GET_SIZE(args) == 1)
		ret = gpioirq_output_set_value(self->output, v);
	else
		ret = gpioirq_output_get_value(self->output);
	err = errno;
	Py_END_ALLOW_THREADS
	if (ret < 0)
		return gpioirq_py_error(err, "cannot drive or read the output");
	if (PyTuple_GET_SIZE(args) == 1)
		Py_RETURN_NONE;
	return PyLong_FromLong(ret);
}

static PyObject *pin_value(PinObject *self, PyObject *args)
{
	struct gpioirq_line *line;
	int v, err;

	if (self->output)
		return pin_output_value(self, args);
	if (!self->line) {
		PyErr_SetString(PyExc_ValueError, "operation on a closed gpioirq.Pin");
		return NULL;
	}
	if (PyTuple_GET_SIZE(args) != 0) {
		PyErr_SetString(PyExc_ValueError,
				"Pin.value(x): the Pin is an input; make it with mode=Pin.OUT to drive it");
		return NULL;
	}
	line = pin_line(self);
	if (!line)
		return NULL;
	Py_BEGIN_ALLOW_THREADS
	v = gpioirq_line_get_value(line);
	err = errno;
	Py_END_ALLOW_THREADS
	if (v < 0)
		return gpioirq_py_error(err, "cannot read the line's value");
	return PyLong_FromLong(v);
}

static PyObject *pin_irq(PinObject *self, PyObject *args, PyObject *kwds)
{
	static char *kwlist[] = { "handler", "trigger", "debounce_us", "bias", "active_low",
				  "hard", NULL };
	PyObject *handler = Py_None, *bias = NULL, *active_low = NULL, *debounce = NULL;
	PyObject *old_handler, *old_ref;
	struct gpioirq_line_settings s;
	struct gpioirq_line *line;
	int trigger = PIN_IRQ_RISING | PIN_IRQ_FALLING, hard = 0, ret, err;
	long long debounce_us;

	if (!PyArg_ParseTupleAndKeywords(args, kwds, "|Oi$OOOp:irq", kwlist, &handler, &trigger,
					 &debounce, &bias, &active_low, &hard))
		return NULL;
	line = pin_line(self);
	if (!line)
		return NULL;
	if (hard) {
		PyErr_SetString(PyExc_ValueError,
				"hard=True: Python handlers never run in hard IRQ context; the "
				"event's timestamp_ns is taken there");
		return NULL;
	}
	if (handler != Py_None && !PyCallable_Check(handler)) {
		PyErr_SetString(PyExc_ValueError, "handler must be callable or None");
		return NULL;
	}
	if (trigger < PIN_IRQ_RISING || trigger > (PIN_IRQ_RISING | PIN_IRQ_FALLING)) {
		PyErr_Format(PyExc_ValueError,
			     "trigger=%d: Pin.IRQ_RISING, Pin.IRQ_FALLING or both, or-ed", trigger);
		return NULL;
	}
	s = self->settings;
	if (debounce && debounce != Py_None) {
		debounce_us = PyLong_AsLongLong(debounce);
		if (debounce_us == -1 && PyErr_Occurred())
			return NULL;
		if (check_debounce(debounce_us))
			return NULL;
		s.debounce_us = (uint32_t)debounce_us;
	}
	if (bias && parse_bias(bias, &s.bias))
		return NULL;
	if (active_low && active_low != Py_None) {
		ret = PyObject_IsTrue(active_low);
		if (ret < 0)
			return NULL;
		s.active_low = ret;
	}

	old_handler = self->handler;
	old_ref = self->self_ref;
	if (handler != Py_None) {
		s.edges = (enum gpioirq_edges)trigger;
		s.callback = pin_callback;
		s.user_data = self;
		/* Before the line's first event can reach pin_callback(). */
		Py_INCREF(handler);
		self->handler = handler;
		if (!old_ref) {
			Py_INCREF(self);
			self->self_ref = (PyObject *)self;
		}
	} else {
		/* Wait mode: both edges, so that every wait kind works. */
		s.edges = GPIOIRQ_EDGES_BOTH;
		s.callback = NULL;
		s.user_data = NULL;
	}
	Py_BEGIN_ALLOW_THREADS
	ret = gpioirq_line_reconfigure(line, &s);
	err = errno;
	Py_END_ALLOW_THREADS
	if (ret) {
		if (handler != Py_None) {
			self->handler = old_handler;
			Py_DECREF(handler);
			if (!old_ref)
				self->self_ref = NULL;	/* the new reference: dropped below */
		}
		if (handler != Py_None && !old_ref)
			Py_DECREF(self);
		return gpioirq_py_error(err, "cannot set the line's irq");
	}
	self->settings = s;
	if (handler != Py_None) {
		Py_XDECREF(old_handler);
		if (gpioirq_py_context_need_thread(self->context))
			return NULL;
	} else {
		/* An event taken before the reconfigure may still find self->handler NULL: it goes. */
		self->handler = NULL;
		self->self_ref = NULL;
		Py_XDECREF(old_handler);
		Py_XDECREF(old_ref);
	}
	Py_RETURN_NONE;
}

static PyObject *pin_wait(PinObject *self, PyObject *args, PyObject *kwds)
{
	static char *kwlist[] = { "kind", "timeout_ms", NULL };
	PyObject *timeout = Py_None;
	struct gpioirq_line *line;
	struct gpioirq_event ev;
	int kind, timeout_ms = -1, ret, err;

	if (!PyArg_ParseTupleAndKeywords(args, kwds, "i|O:wait", kwlist, &kind, &timeout))
		return NULL;
	line = pin_line(self);
	if (!line)
		return NULL;
	if (kind < GPIOIRQ_WAIT_LEVEL_LOW || kind > GPIOIRQ_WAIT_PULSE_HIGH) {
		PyErr_Format(PyExc_ValueError, "kind=%d: one of Pin.LEVEL_LOW, LEVEL_HIGH, EDGE_FALL, "
			     "EDGE_RISE, PULSE_LOW, PULSE_HIGH", kind);
		return NULL;
	}
	if (timeout != Py_None) {
		long v = PyLong_Check(timeout) ? PyLong_AsLong(timeout) : -1;

		if (v == -1 && PyErr_Occurred())
			PyErr_Clear();
		if (v < 0 || v > INT32_MAX) {
			PyErr_Format(PyExc_ValueError, "timeout_ms=%R: None (forever) or an int >= 0",
				     timeout);
			return NULL;
		}
		timeout_ms = (int)v;
	}
	if (self->handler) {
		PyErr_SetString(PyExc_RuntimeError,
				"wait() on a Pin with an irq handler: call irq(None) first");
		return NULL;
	}
	for (;;) {
		Py_BEGIN_ALLOW_THREADS
		ret = gpioirq_line_wait_event(line, (enum gpioirq_wait_kind)kind, timeout_ms, &ev);
		err = errno;
		Py_END_ALLOW_THREADS
		if (!ret)
			break;
		if (err != EINTR)
			break;
		/* A signal: run its Python handler (KeyboardInterrupt), else wait on. */
		if (PyErr_CheckSignals())
			return NULL;
	}
	if (ret) {
		if (err == ETIMEDOUT)
			return PyErr_Format(PyExc_TimeoutError, "no %s within %d ms",
					    (const char *[]){ "", "low level", "high level",
							      "falling edge", "rising edge",
							      "low pulse", "high pulse" }[kind],
					    timeout_ms);
		if (err == ECANCELED)
			return PyErr_Format(PyExc_ValueError, "the Pin was closed while waiting");
		if (err == EDEADLK)
			return gpioirq_py_error(err, "wait() from a handler of the same context");
		return gpioirq_py_error(err, "wait failed");
	}
	return gpioirq_py_event_new(&ev, (PyObject *)self);
}

static PyObject *pin_stats(PinObject *self, PyObject *unused)
{
	struct gpioirq_line_stats st;
	struct gpioirq_line *line;

	(void)unused;
	line = pin_line(self);
	if (!line)
		return NULL;
	memset(&st, 0, sizeof(st));
	if (gpioirq_line_get_stats(line, &st))
		return gpioirq_py_error(errno, "cannot read the line's stats");
	return Py_BuildValue("{sKsKsKsKsKsKsK}", "interrupts", (unsigned long long)st.interrupts,
			     "edges", (unsigned long long)st.edges,
			     "events", (unsigned long long)st.events,
			     "dropped", (unsigned long long)st.dropped,
			     "missed", (unsigned long long)st.missed,
			     "debounced", (unsigned long long)st.debounced,
			     "storm_masks", (unsigned long long)st.storm_masks);
}

static PyObject *pin_repr(PinObject *self)
{
	if (!self->id)
		return PyUnicode_FromString("<gpioirq.Pin (not initialised)>");
	if (self->output) {
		if (self->offset == Py_None)
			return PyUnicode_FromFormat("Pin(%R, mode=Pin.OUT)", self->id);
		return PyUnicode_FromFormat("Pin(%R, %R, mode=Pin.OUT)", self->id, self->offset);
	}
	if (self->offset == Py_None)
		return PyUnicode_FromFormat("Pin(%R)%s", self->id, self->line ? "" : " (closed)");
	return PyUnicode_FromFormat("Pin(%R, %R)%s", self->id, self->offset,
				    self->line ? "" : " (closed)");
}

static PyObject *pin_get_chip(PinObject *self, void *closure)
{
	struct gpioirq_line *line;

	(void)closure;
	if (self->output)
		return PyUnicode_FromString(self->output_chip);
	line = pin_line(self);
	return line ? PyUnicode_FromString(gpioirq_line_get_chip_name(line)) : NULL;
}

static PyObject *pin_get_offset(PinObject *self, void *closure)
{
	struct gpioirq_line *line;

	(void)closure;
	if (self->output)
		return PyLong_FromLong(self->output_offset);
	line = pin_line(self);
	return line ? PyLong_FromLong(gpioirq_line_get_offset(line)) : NULL;
}

static PyObject *pin_get_closed(PinObject *self, void *closure)
{
	(void)closure;
	if (self->output)
		Py_RETURN_FALSE;
	return PyBool_FromLong(!self->line || !self->context || !self->context->ctx);
}

static PyObject *pin_get_context(PinObject *self, void *closure)
{
	(void)closure;
	if (!self->context)
		Py_RETURN_NONE;
	Py_INCREF(self->context);
	return (PyObject *)self->context;
}

static PyObject *pin_get_handler(PinObject *self, void *closure)
{
	(void)closure;
	if (!self->handler)
		Py_RETURN_NONE;
	Py_INCREF(self->handler);
	return self->handler;
}

static PyObject *pin_get_id(PinObject *self, void *closure)
{
	(void)closure;
	if (!self->id)
		Py_RETURN_NONE;
	Py_INCREF(self->id);
	return self->id;
}

PyDoc_STRVAR(pin_irq_doc,
"irq(handler=None, trigger=Pin.IRQ_RISING | Pin.IRQ_FALLING, *, debounce_us=None,\n"
"    bias=None, active_low=None, hard=False) -> None\n\n"
"Call handler(event) for every edge of trigger, with an Event (see\n"
"help(gpioirq.Event): timestamp_ns, edge, level, pulse_ns, seqno, line_seqno,\n"
"missed, debounced, pin). Handlers run in the context's dispatcher thread, with\n"
"the GIL, one at a time, each pin's in the order of its edges (across pins, in\n"
"the order the kernel published them: sort by timestamp_ns for edge order);\n"
"they may do anything (allocate, print, close pins). A handler that raises is\n"
"reported as an exception of a thread (threading.excepthook) and the next\n"
"events go on.\n"
"irq(None) stops the handler: the pin is back in wait mode (both edges).\n\n"
"debounce_us: software or hardware debounce in µs, 0..DEBOUNCE_MAX_US\n"
"(1000000); None keeps the pin's. bias: Pin.PULL_UP, Pin.PULL_DOWN, Pin.PULL_NONE,\n"
"or None (leave the line's). active_low: True makes edges and levels logical\n"
"(inverted); None keeps the pin's. hard=True is refused: a Python handler never\n"
"runs in hard IRQ context (the timestamp is taken there).\n\n"
"Lost events are counted in pin.context.dropped and gpioirq.dropped, and\n"
"reported to gpioirq.on_drop's callback.\n\n"
"Raises ValueError for a bad argument or a closed pin, OSError(EOPNOTSUPP) when\n"
"the chip cannot do the bias or debounce, OSError for the module's errors.");

PyDoc_STRVAR(pin_wait_doc,
"wait(kind, timeout_ms=None) -> Event\n\n"
"Wait for a level, an edge or a pulse (MicroPythonRT's APin.wait()), with the\n"
"GIL released. kind: Pin.LEVEL_LOW, LEVEL_HIGH (returns at once if the line is\n"
"at it), EDGE_FALL, EDGE_RISE, PULSE_LOW (a falling then a rising edge),\n"
"PULSE_HIGH. The pin queues its edges from its request on, so no edge is lost\n"
"between two calls; each call goes on from where the last stopped.\n"
"timeout_ms: None waits forever, 0 looks at what happened already, > 0 at most\n"
"this long (ms).\n\n"
"Returns the Event that ended the wait: for EDGE kinds that edge; for PULSE\n"
"kinds the pulse's closing edge, whose pulse_ns is the pulse's width in ns\n"
"(from the two edges' hard-IRQ timestamps); for LEVEL kinds the edge to the\n"
"level, or, when the line was at it already, an Event with seqno 0 and edge 0\n"
"(no edge), timestamp_ns the time of the read.\n\n"
"Raises TimeoutError when timeout_ms passes, ValueError for a bad kind or\n"
"timeout, a closed pin, or a pin closed while waiting, RuntimeError when the pin\n"
"has an irq handler, OSError(EDEADLK) from a handler of the same context.");

static PyMethodDef pin_methods[] = {
	{ "value", (PyCFunction)pin_value, METH_VARARGS,
	  "value() -> int, value(x) -> None\n\n"
	  "value(): an input's logical level now (active_low applied), or the value\n"
	  "an output drives: 1 or 0. value(x): an output (mode=Pin.OUT) drives x\n"
	  "(true: 1, false: 0) when the call returns.\n"
	  "Raises ValueError on a closed pin, or value(x) on an input; OSError when\n"
	  "the kernel refuses (ENODEV: the chip is gone)." },
	{ "irq", (PyCFunction)(void (*)(void))pin_irq, METH_VARARGS | METH_KEYWORDS, pin_irq_doc },
	{ "wait", (PyCFunction)(void (*)(void))pin_wait, METH_VARARGS | METH_KEYWORDS, pin_wait_doc },
	{ "close", (PyCFunction)pin_close, METH_NOARGS,
	  "close() -> None\n\nStop the handler and release the line. When it returns no handler\n"
	  "of the pin runs (but the one calling close(), which finishes normally).\n"
	  "A wait() on the pin in another thread raises ValueError. Does nothing when\n"
	  "closed already." },
	{ "stats", (PyCFunction)pin_stats, METH_NOARGS,
	  "stats() -> dict\n\nThe module's counters of the line: interrupts, edges, events,\n"
	  "dropped, missed, debounced, storm_masks." },
	{ "__enter__", (PyCFunction)pin_enter, METH_NOARGS, NULL },
	{ "__exit__", (PyCFunction)pin_exit, METH_VARARGS, NULL },
	{ NULL, NULL, 0, NULL },
};

static PyGetSetDef pin_getset[] = {
	{ "chip", (getter)pin_get_chip, NULL, "the chip's name (\"gpiochip0\")", NULL },
	{ "offset", (getter)pin_get_offset, NULL, "the line's offset on its chip", NULL },
	{ "id", (getter)pin_get_id, NULL, "the name or chip the pin was made with", NULL },
	{ "closed", (getter)pin_get_closed, NULL, "True once the pin or its context is closed", NULL },
	{ "context", (getter)pin_get_context, NULL, "the pin's Context", NULL },
	{ "handler", (getter)pin_get_handler, NULL, "the irq handler, or None", NULL },
	{ NULL, NULL, NULL, NULL, NULL },
};

PyTypeObject GpioirqPin_Type = {
	PyVarObject_HEAD_INIT(NULL, 0)
	.tp_name = "gpioirq.Pin",
	.tp_basicsize = sizeof(PinObject),
	.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
	.tp_doc = "Pin(name) or Pin(chip, offset), mode=Pin.IN, *, bias=None, active_low=False,\n"
		  "    debounce_us=0, context=None, consumer=None, value=None)\n\n"
		  "Request a GPIO line as an input for gpioirq: by its name (\"sim-3\",\n"
		  "\"GPIO17\": the first line of that name over all chips), or by chip (name\n"
		  "\"gpiochip0\", label, path or number as a string) and offset. The pin starts in\n"
		  "wait mode (both edges queued for wait()); irq() gives it a handler.\n"
		  "mode=Pin.OUT makes it an output instead, driving value (0 when None) from\n"
		  "the request on, held through the GPIO character device (libgpiod), with no\n"
		  "context and no gpioirq module needed: value(x) drives it, value() reads\n"
		  "it back; irq(), wait() and stats() raise RuntimeError; bias, active_low,\n"
		  "debounce_us and context are refused (ValueError).\n"
		  "close() or the with statement releases it, as does the process's exit.\n"
		  "context: a gpioirq.Context, None for gpioirq.default_context().\n"
		  "consumer: the name gpioinfo shows the line used by (up to 31 printable\n"
		  "characters, no space), None for \"gpioirq\".\n\n"
		  "Raises FileNotFoundError (the gpioirq module is not loaded, or no line of\n"
		  "that name), PermissionError, OSError(EBUSY) (the line is in use; the\n"
		  "message names its holder as gpioinfo shows it), OSError(ENODEV) (no\n"
		  "such chip), ValueError (a bad argument).",
	.tp_weaklistoffset = offsetof(PinObject, weakreflist),
	.tp_new = PyType_GenericNew,
	.tp_init = (initproc)pin_init,
	.tp_dealloc = (destructor)pin_dealloc,
	.tp_traverse = (traverseproc)pin_traverse,
	.tp_clear = (inquiry)pin_clear,
	.tp_repr = (reprfunc)pin_repr,
	.tp_methods = pin_methods,
	.tp_getset = pin_getset,
};

/* The class constants, MicroPython's names. */
int gpioirq_py_pin_constants(void)
{
	static const struct { const char *name; long value; } c[] = {
		{ "IN", PIN_IN },
		{ "OUT", PIN_OUT },
		{ "IRQ_RISING", PIN_IRQ_RISING },
		{ "IRQ_FALLING", PIN_IRQ_FALLING },
		{ "PULL_UP", GPIOIRQ_BIAS_PULL_UP },
		{ "PULL_DOWN", GPIOIRQ_BIAS_PULL_DOWN },
		{ "PULL_NONE", GPIOIRQ_BIAS_DISABLED },
		{ "LEVEL_LOW", GPIOIRQ_WAIT_LEVEL_LOW },
		{ "LEVEL_HIGH", GPIOIRQ_WAIT_LEVEL_HIGH },
		{ "EDGE_FALL", GPIOIRQ_WAIT_EDGE_FALLING },
		{ "EDGE_RISE", GPIOIRQ_WAIT_EDGE_RISING },
		{ "PULSE_LOW", GPIOIRQ_WAIT_PULSE_LOW },
		{ "PULSE_HIGH", GPIOIRQ_WAIT_PULSE_HIGH },
	};
	PyObject *v;
	size_t i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		v = PyLong_FromLong(c[i].value);
		if (!v || PyDict_SetItemString(GpioirqPin_Type.tp_dict, c[i].name, v) < 0) {
			Py_XDECREF(v);
			return -1;
		}
		Py_DECREF(v);
	}
	PyType_Modified(&GpioirqPin_Type);
	return 0;
}
