// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * gpioirq._gpioirq: the module, its constants, and how errors become Python
 * exceptions.
 */
#include <errno.h>
#include <string.h>

#include "internal.h"

int gpioirq_py_finalizing(void)
{
#if PY_VERSION_HEX >= 0x030D0000
	return Py_IsFinalizing();
#else
	return _Py_IsFinalizing();
#endif
}

/*
 * An errno as Python users expect it: EINVAL is ValueError; the rest is
 * OSError(err, ...), which picks the subclass (FileNotFoundError,
 * PermissionError, TimeoutError, ...) from err.
 */
PyObject *gpioirq_py_error(int err, const char *what)
{
	if (err == EINVAL) {
		PyErr_Format(PyExc_ValueError, "%s: %s", what, strerror(err));
		return NULL;
	}
	return gpioirq_py_oserror(Py_BuildValue("(is)", err, what));
}

/*
 * Raise OSError(*@args), a new reference (stolen; NULL: its error is kept),
 * as the subclass its errno picks. The instance is made here: Python 3.9
 * would otherwise keep OSError as the raised type (an except
 * FileNotFoundError clause, or pytest.raises, would not see it).
 */
PyObject *gpioirq_py_oserror(PyObject *args)
{
	PyObject *exc;

	if (!args)
		return NULL;
	exc = PyObject_Call(PyExc_OSError, args, NULL);
	Py_DECREF(args);
	if (exc) {
		PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
		Py_DECREF(exc);
	}
	return NULL;
}

/* gpioirq_open()'s errors, with what to do about the two common ones. */
PyObject *gpioirq_py_open_error(int err, const char *path)
{
	const char *msg;

	switch (err) {
	case ENOENT:
		msg = "no gpioirq device: is the module loaded? (sudo modprobe gpioirq)";
		break;
	case EACCES:
	case EPERM:
		msg = "no permission to open the gpioirq device: add yourself to the group "
		      "of its udev rule (60-gpioirq.rules: sudo usermod -aG gpio $USER, then log in again)";
		break;
	case EPROTO:
		msg = "the gpioirq module speaks another ABI than this library: update one of them";
		break;
	default:
		msg = strerror(err);
		break;
	}
	return gpioirq_py_oserror(Py_BuildValue("(iss)", err, msg, path));
}

/*
 * A handler raised: report it as threading reports an exception that ends a
 * thread (threading.excepthook, which tests and applications may replace),
 * and go on. Called with the GIL and the exception set; clears it.
 */
void gpioirq_py_report_exception(void)
{
	PyObject *type, *value, *tb, *threading = NULL, *hook = NULL, *args_type = NULL;
	PyObject *thread = NULL, *args = NULL, *ret = NULL;

	PyErr_Fetch(&type, &value, &tb);
	PyErr_NormalizeException(&type, &value, &tb);
	threading = PyImport_ImportModule("threading");
	if (threading) {
		hook = PyObject_GetAttrString(threading, "excepthook");
		args_type = PyObject_GetAttrString(threading, "ExceptHookArgs");
		thread = PyObject_CallMethod(threading, "current_thread", NULL);
	}
	if (hook && args_type && thread) {
		args = Py_BuildValue("((OOOO))", type ?: Py_None, value ?: Py_None,
				     tb ?: Py_None, thread);
		if (args) {
			PyObject *hargs = PyObject_CallObject(args_type, args);

			Py_DECREF(args);
			if (hargs) {
				ret = PyObject_CallOneArg(hook, hargs);
				Py_DECREF(hargs);
			}
		}
	}
	if (!ret) {
		/* No hook (or it failed): the interpreter's last resort. */
		PyErr_Clear();
		PyErr_Restore(type, value, tb);
		type = value = tb = NULL;
		PyErr_WriteUnraisable(hook ?: Py_None);
	}
	Py_XDECREF(ret);
	Py_XDECREF(thread);
	Py_XDECREF(args_type);
	Py_XDECREF(hook);
	Py_XDECREF(threading);
	Py_XDECREF(type);
	Py_XDECREF(value);
	Py_XDECREF(tb);
}

static PyObject *module_default_context(PyObject *module, PyObject *unused)
{
	(void)module;
	(void)unused;
	return (PyObject *)gpioirq_py_default_context();
}

PyDoc_STRVAR(default_context_doc,
"default_context() -> Context\n\n"
"The context every Pin uses unless given another: opened on first use\n"
"(/dev/gpioirq, the module's default ring size), closed at exit.\n"
"Raises FileNotFoundError (the module is not loaded: modprobe gpioirq),\n"
"PermissionError (not in the device's group), OSError.");

static PyMethodDef module_methods[] = {
	{ "default_context", module_default_context, METH_NOARGS, default_context_doc },
	{ "_shutdown", gpioirq_py_shutdown, METH_NOARGS,
	  "Stop every dispatcher thread (atexit: no callback runs during finalization)." },
	{ NULL, NULL, 0, NULL },
};

static struct PyModuleDef gpioirq_module = {
	PyModuleDef_HEAD_INIT,
	.m_name = "gpioirq._gpioirq",
	.m_doc = "The C half of gpioirq: Context, Pin and Event over libgpioirq.\n"
		 "Use the gpioirq package, which re-exports these.",
	.m_size = -1,
	.m_methods = module_methods,
};

PyMODINIT_FUNC PyInit__gpioirq(void);
PyMODINIT_FUNC PyInit__gpioirq(void)
{
	PyObject *m;

	if (PyType_Ready(&GpioirqContext_Type) < 0 || PyType_Ready(&GpioirqPin_Type) < 0 ||
	    gpioirq_py_pin_constants() < 0)
		return NULL;
	m = PyModule_Create(&gpioirq_module);
	if (!m)
		return NULL;
	if (gpioirq_py_event_init(m) < 0)
		goto err;
	Py_INCREF(&GpioirqContext_Type);
	if (PyModule_AddObject(m, "Context", (PyObject *)&GpioirqContext_Type) < 0) {
		Py_DECREF(&GpioirqContext_Type);
		goto err;
	}
	Py_INCREF(&GpioirqPin_Type);
	if (PyModule_AddObject(m, "Pin", (PyObject *)&GpioirqPin_Type) < 0) {
		Py_DECREF(&GpioirqPin_Type);
		goto err;
	}
	if (PyModule_AddStringConstant(m, "library_version", gpioirq_version_string()) < 0 ||
	    PyModule_AddIntConstant(m, "DEBOUNCE_MAX_US", GPIOIRQ_DEBOUNCE_MAX_US) < 0 ||
	    PyModule_AddIntConstant(m, "EVENT_EDGE", GPIOIRQ_EVENT_EDGE) < 0 ||
	    PyModule_AddIntConstant(m, "EVENT_STORM", GPIOIRQ_EVENT_STORM) < 0 ||
	    PyModule_AddIntConstant(m, "EVENT_CHIP_GONE", GPIOIRQ_EVENT_CHIP_GONE) < 0)
		goto err;
	return m;
err:
	Py_DECREF(m);
	return NULL;
}
