// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * gpioirq.Event: one event as a handler gets it, a named tuple (structseq)
 * copied from the library's struct gpioirq_event.
 */
#include "internal.h"

PyTypeObject *GpioirqEvent_Type;

static PyStructSequence_Field event_fields[] = {
	{ "timestamp_ns", "when the hard IRQ handler ran, in ns of the line's clock "
			  "(CLOCK_MONOTONIC unless asked otherwise)" },
	{ "edge", "Pin.IRQ_RISING (1) or Pin.IRQ_FALLING (2), logical (after active_low); "
		  "0 from a wait() for a level the line was at already" },
	{ "level", "the logical level just after the edge, 0 or 1; None when the chip "
		   "sleeps and the top half could not read it" },
	{ "pulse_ns", "ns since the line's previous edge, 0 for its first; from a wait() "
		      "for a pulse, the pulse's width" },
	{ "seqno", "the event's number in its context, from 1: a gap means lost events; "
		   "0 when wait() found its level with no edge" },
	{ "line_seqno", "the event's number on its line, from 1" },
	{ "missed", "True when edges were missed just before this one" },
	{ "debounced", "True when the edge passed software debounce" },
	{ "pin", "the Pin the event is of" },
	{ "bh_delay_ns", "ns from the hard IRQ (top half) to the bottom half" },
	{ "type", "gpioirq.EVENT_EDGE, EVENT_STORM (the storm guard masked the line) or "
		  "EVENT_CHIP_GONE (the line's chip went away: the line's last event)" },
	{ NULL, NULL },
};

static PyStructSequence_Desc event_desc = {
	.name = "gpioirq.Event",
	.doc = "Event(timestamp_ns, edge, level, pulse_ns, seqno, line_seqno, missed,\n"
	       "      debounced, pin, bh_delay_ns, type)\n\n"
	       "An edge of a Pin, as its irq() handler (and wait()) gets it. Times are in ns.",
	.fields = event_fields,
	.n_in_sequence = 11,
};

int gpioirq_py_event_init(PyObject *module)
{
	GpioirqEvent_Type = PyStructSequence_NewType(&event_desc);
	if (!GpioirqEvent_Type)
		return -1;
	Py_INCREF(GpioirqEvent_Type);
	if (PyModule_AddObject(module, "Event", (PyObject *)GpioirqEvent_Type) < 0) {
		Py_DECREF(GpioirqEvent_Type);
		return -1;
	}
	return 0;
}

/* A new Event of @ev, for @pin (a new reference is taken). */
PyObject *gpioirq_py_event_new(const struct gpioirq_event *ev, PyObject *pin)
{
	PyObject *o = PyStructSequence_New(GpioirqEvent_Type);
	PyObject *level;
	int i = 0;

	if (!o)
		return NULL;
	if (ev->level == GPIOIRQ_LEVEL_UNKNOWN) {
		Py_INCREF(Py_None);
		level = Py_None;
	} else {
		level = PyLong_FromLong(ev->level);
	}
	PyStructSequence_SET_ITEM(o, i++, PyLong_FromUnsignedLongLong(ev->timestamp_ns));
	PyStructSequence_SET_ITEM(o, i++, PyLong_FromLong(ev->edge));
	PyStructSequence_SET_ITEM(o, i++, level);
	PyStructSequence_SET_ITEM(o, i++, PyLong_FromUnsignedLongLong(ev->pulse_ns));
	PyStructSequence_SET_ITEM(o, i++, PyLong_FromUnsignedLongLong(ev->seqno));
	PyStructSequence_SET_ITEM(o, i++, PyLong_FromUnsignedLongLong(ev->line_seqno));
	PyStructSequence_SET_ITEM(o, i++, PyBool_FromLong(ev->flags & GPIOIRQ_EVENT_F_MISSED));
	PyStructSequence_SET_ITEM(o, i++, PyBool_FromLong(ev->flags & GPIOIRQ_EVENT_F_DEBOUNCED));
	Py_INCREF(pin);
	PyStructSequence_SET_ITEM(o, i++, pin);
	PyStructSequence_SET_ITEM(o, i++, PyLong_FromUnsignedLongLong(ev->bh_delay_ns));
	PyStructSequence_SET_ITEM(o, i++, PyLong_FromLong(ev->type));
	for (i = 0; i < event_desc.n_in_sequence; i++) {
		if (!PyStructSequence_GET_ITEM(o, i)) {
			Py_DECREF(o);
			return NULL;
		}
	}
	return o;
}
