/* SPDX-License-Identifier: LGPL-2.1-or-later OR MIT */
/*
 * libgpioirq: GPIO edge callbacks in user space, fed by gpioirq.ko's
 * mmap'ed event ring.
 *
 * Objects and their lifetimes:
 *   struct gpioirq       a context: one open /dev/gpioirq, one ring.
 *                        gpioirq_open() / gpioirq_close().
 *   struct gpioirq_line  one requested GPIO line of a context.
 *                        gpioirq_line_request() / gpioirq_line_release().
 *
 * Conventions (libgpiod's): functions returning a pointer return NULL and
 * set errno on failure; functions returning int return -1 and set errno on
 * failure. A bad argument sets errno to EINVAL. gpioirq_close(NULL) and
 * gpioirq_line_release(NULL) do nothing. Line handles are owned by their
 * context: gpioirq_close() releases and frees every line still held, after
 * which no line pointer of that context may be used.
 *
 * Events: the library hands callbacks a copy of the kernel's event record,
 * struct gpioirq_event of <gpioirq/uapi.h> (in-tree: include/uapi/gpioirq.h),
 * valid until the callback returns. Its fields: timestamp_ns (in the line's
 * clock), seqno (per context, from 1; gaps mean lost events), line_seqno
 * (per line, from 1), edge (GPIOIRQ_EDGE_RISING/FALLING, logical), level
 * (GPIOIRQ_LEVEL_*, logical, just after the edge), pulse_ns (time since the
 * line's previous edge, 0 for the first), bh_delay_ns (top half to bottom
 * half), type (GPIOIRQ_EVENT_EDGE, or GPIOIRQ_EVENT_STORM when the storm guard
 * masked the line, or GPIOIRQ_EVENT_CHIP_GONE, below), flags
 * (GPIOIRQ_EVENT_F_MISSED, _F_DEBOUNCED) and handle.
 *
 * A chip that goes away (its device unbound, its driver removed, a USB or
 * I2C expander unplugged) is an event, not a crash: the module stops the
 * line before the chip is torn down and the line's callback gets one last
 * event of type GPIOIRQ_EVENT_CHIP_GONE, after the line's last edge, whose
 * line_seqno counts every edge of the line (delivered or dropped). After
 * it, calls on the line fail with ENODEV, except gpioirq_line_release()
 * (release it as usual; nothing leaks) and gpioirq_line_get_stats() (the
 * final counts). A chip that comes back is a new chip: request its lines
 * again.
 * The event's cookie is the library's (it tells a released line's events
 * from a newer line's on the same handle); gpioirq_event_find_line() gives
 * the line of any event, copies included.
 *
 * How events reach callbacks. Events are read straight from the ring, with
 * no system call while any are pending; poll() is used only when the ring is
 * empty. Exactly one thread consumes the ring at a time, and callbacks run
 * in that thread, one at a time, in ring order: so a line's callbacks run in
 * the order of its edges and never concurrently with themselves (nor with
 * another line's callbacks of the same context). Three ways to run them:
 *   (a) call gpioirq_dispatch(ctx, timeout_ms) in your own loop;
 *   (b) watch gpioirq_get_fd(ctx) in epoll/libuv/GLib and call
 *       gpioirq_dispatch(ctx, 0) when it is readable;
 *   (c) start the built-in dispatcher thread, gpioirq_thread_start().
 * (c) excludes (a) and (b): gpioirq_dispatch() fails with EBUSY while the
 * dispatcher thread runs.
 *
 * Thread safety. Every function may be called from any thread, concurrently,
 * except gpioirq_close() (call it last, when no other thread uses the
 * context or its lines).
 *
 * Inside a callback (in the consumer thread) you MAY: request lines, release
 * any line (its own included: no further callback of it runs, the current
 * call finishes normally), reconfigure, mask and unmask any line, read
 * values and stats, and do anything a normal thread does (allocate, I/O).
 * You may NOT (these fail with EDEADLK): gpioirq_dispatch(),
 * gpioirq_line_wait(), gpioirq_thread_start(), gpioirq_thread_stop(),
 * gpioirq_close() on the same context.
 */
#ifndef GPIOIRQ_H
#define GPIOIRQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The kernel ABI. In the source tree it is include/uapi/gpioirq.h, found
 * relative to this file; 'make install' rewrites this line to
 * <gpioirq/uapi.h>, where it installs that header.
 */
#include "uapi/gpioirq.h"

#ifdef __cplusplus
extern "C" {
#endif

#define GPIOIRQ_VERSION_MAJOR	0
#define GPIOIRQ_VERSION_MINOR	1
#define GPIOIRQ_VERSION_PATCH	0
#define GPIOIRQ_VERSION_STRING	"0.1.0"

#ifndef GPIOIRQ_API
#define GPIOIRQ_API __attribute__((visibility("default")))
#endif

struct gpioirq;
struct gpioirq_line;

/**
 * gpioirq_version_string() - the library's version at run time
 *
 * Return: a static string, such as GPIOIRQ_VERSION_STRING was when the
 * library was built. Never NULL.
 */
GPIOIRQ_API const char *gpioirq_version_string(void);

/* ---------------------------------------------------------------------------
 * Context
 */

/**
 * gpioirq_open() - open the gpioirq device and map a ring of the module's
 * default size (GPIOIRQ_RING_DEFAULT_ENTRIES events)
 * @path: the device, NULL for GPIOIRQ_DEVICE_PATH ("/dev/gpioirq")
 *
 * Checks that the module speaks this library's ABI: GPIOIRQ_IOC_INFO must
 * report abi_version == GPIOIRQ_ABI_VERSION and event_size ==
 * sizeof(struct gpioirq_event), and the ring's layout must be sane.
 *
 * Return: a new context, or NULL with errno set:
 *  ENOENT  @path does not exist (module not loaded?);
 *  EACCES  no permission to open it (group gpio?);
 *  ENOTTY  @path is not a gpioirq device;
 *  EPROTO  the module speaks another ABI version, or reported a ring layout
 *          this library cannot use: update the library or the module;
 *  ENOMEM, EMFILE, ... as open(2), mmap(2), eventfd(2).
 */
GPIOIRQ_API struct gpioirq *gpioirq_open(const char *path);

/**
 * gpioirq_open_ring() - gpioirq_open() with a chosen ring size
 * @path: as gpioirq_open()
 * @entries: ring size in events: a power of two within
 *           [GPIOIRQ_RING_MIN_ENTRIES, the module's ring_max_entries], or 0
 *           for the module's default
 *
 * Return: as gpioirq_open(); EINVAL when the module refuses @entries.
 */
GPIOIRQ_API struct gpioirq *gpioirq_open_ring(const char *path, uint32_t entries);

/**
 * gpioirq_close() - stop the dispatcher thread, release every line, unmap
 * the ring, close the device, free the context
 * @ctx: the context, or NULL (does nothing, returns 0)
 *
 * Must not race with any other use of @ctx or its lines.
 *
 * Return: 0; -1 with errno EDEADLK (and nothing closed) when called from a
 * callback or from the dispatcher thread of @ctx.
 */
GPIOIRQ_API int gpioirq_close(struct gpioirq *ctx);

/**
 * gpioirq_get_fd() - a file descriptor for event loops (mode b)
 * @ctx: the context
 *
 * The descriptor becomes readable (POLLIN/EPOLLIN) when gpioirq_dispatch()
 * has work: events in the ring, or events held back during a mask that an
 * unmask released. Watch it level- or edge-triggered, and call
 * gpioirq_dispatch(ctx, 0) whenever it is readable. gpioirq_dispatch() takes
 * at most a ring's worth of events per call; it returns having asked the
 * kernel for a wake-up, and leaves the descriptor readable when events are
 * still in the ring, so the descriptor never misses an event. Do not read
 * from it or close it: it is
 * owned by @ctx and closed by gpioirq_close().
 *
 * Return: the descriptor (an epoll instance over the device and an internal
 * eventfd); -1 with errno EINVAL when @ctx is NULL.
 */
GPIOIRQ_API int gpioirq_get_fd(struct gpioirq *ctx);

/**
 * gpioirq_get_info() - the module's information and totals
 * @ctx: the context
 * @info: out, filled by GPIOIRQ_IOC_INFO (see include/uapi/gpioirq.h)
 *
 * Return: 0, or -1 with errno (EINVAL, or the ioctl's).
 */
GPIOIRQ_API int gpioirq_get_info(struct gpioirq *ctx, struct gpioirq_info *info);

/**
 * gpioirq_get_ring_entries() - the ring's size in events, as mapped
 * @ctx: the context
 *
 * Return: entries (> 0), or 0 with errno EINVAL when @ctx is NULL.
 */
GPIOIRQ_API uint32_t gpioirq_get_ring_entries(struct gpioirq *ctx);

/**
 * gpioirq_set_busy_poll() - spin before sleeping, for the lowest latency
 * @ctx: the context
 * @busy_poll_us: how long gpioirq_dispatch() (and the dispatcher thread)
 *                keeps re-reading the ring's head, without a system call,
 *                when the ring is empty, before it sleeps in poll(), in µs;
 *                0 (the default) sleeps at once; at most 1000000
 *
 * Spinning burns a CPU for that long after every event: use it with the
 * dispatcher thread pinned to a CPU of its own.
 *
 * Return: 0, or -1 with errno EINVAL.
 */
GPIOIRQ_API int gpioirq_set_busy_poll(struct gpioirq *ctx, uint32_t busy_poll_us);

/**
 * typedef gpioirq_drop_callback_t - told that events were lost
 * @ctx: the context
 * @lost: events lost since the previous call; 0 when a loss of unknown size
 *        was seen (the kernel's head was out of range: see struct
 *        gpioirq_stats.bad_heads)
 * @arg: as given to gpioirq_set_drop_callback()
 *
 * Runs in the consumer thread, before the first event after the loss, with
 * the rules of a line callback.
 */
typedef void (*gpioirq_drop_callback_t)(struct gpioirq *ctx, uint64_t lost, void *arg);

/**
 * gpioirq_set_drop_callback() - report lost events
 * @ctx: the context
 * @cb: the callback, NULL to stop reporting
 * @arg: passed to @cb
 *
 * A loss is a gap in the events' seqno: the ring was full (the kernel counts
 * these in its dropped counter), or a line's top-half buffer was full.
 *
 * Return: 0, or -1 with errno EINVAL.
 */
GPIOIRQ_API int gpioirq_set_drop_callback(struct gpioirq *ctx, gpioirq_drop_callback_t cb,
					  void *arg);

/**
 * struct gpioirq_stats - the library's counters of a context, since open
 * @events: events taken from the ring
 * @callbacks: line callbacks run
 * @lost: events lost, from seqno gaps (what the drop callback reported)
 * @ring_dropped: the kernel's ring dropped counter (ctrl.dropped), as read now
 * @bad_heads: times the kernel's head was more than the ring's size ahead of
 *             the tail (or behind it): the library skipped to the head
 * @stale: events discarded because their line was released (or unknown)
 * @unclaimed: events of lines without a callback discarded because the
 *             line's queue (GPIOIRQ_LINE_QUEUE_EVENTS) was full
 * @sleeps: times the consumer slept in poll()
 * @reserved: zero
 */
struct gpioirq_stats {
	uint64_t events;
	uint64_t callbacks;
	uint64_t lost;
	uint64_t ring_dropped;
	uint64_t bad_heads;
	uint64_t stale;
	uint64_t unclaimed;
	uint64_t sleeps;
	uint64_t reserved[8];
};

/**
 * gpioirq_get_stats() - read the library's counters
 * @ctx: the context
 * @stats: out
 *
 * Return: 0, or -1 with errno EINVAL.
 */
GPIOIRQ_API int gpioirq_get_stats(struct gpioirq *ctx, struct gpioirq_stats *stats);

/* ---------------------------------------------------------------------------
 * Lines
 */

/**
 * typedef gpioirq_callback_t - a line's event callback
 * @ev: the event (a copy, valid until the callback returns)
 * @arg: the line's settings.user_data
 *
 * Runs in the consumer thread: see the rules at the top of this file.
 * gpioirq_event_get_line(@ev) gives the line.
 */
typedef void (*gpioirq_callback_t)(const struct gpioirq_event *ev, void *arg);

/*
 * struct gpioirq_line_settings.edges: the edges that make events, logical
 * (after active-low). Zero, what `= {0}` and memset() give, means both.
 * The values are those of the uAPI's GPIOIRQ_LINE_EDGE_* flags and of an
 * event's GPIOIRQ_EDGE_RISING/_FALLING (asserted below), so writing one of
 * those here by mistake still means what it says.
 */
enum gpioirq_edges {
	GPIOIRQ_EDGES_RISING = 1,
	GPIOIRQ_EDGES_FALLING = 2,
	GPIOIRQ_EDGES_BOTH = 3,		/* the default; 0 means the same */
};

/*
 * struct gpioirq_line_settings.bias. The uAPI's flags of the same meaning
 * (GPIOIRQ_LINE_BIAS_PULL_UP, _PULL_DOWN, _DISABLED) are accepted here too
 * and mean the same; any other value is EINVAL.
 */
enum gpioirq_bias {
	GPIOIRQ_BIAS_AS_IS = 0,		/* the default: leave the line's bias alone */
	GPIOIRQ_BIAS_PULL_UP = 1,
	GPIOIRQ_BIAS_PULL_DOWN = 2,
	GPIOIRQ_BIAS_DISABLED = 3,
};

#if !defined(__cplusplus)
#define GPIOIRQ_STATIC_ASSERT(e, m) _Static_assert(e, m)
#elif __cplusplus >= 201103L
#define GPIOIRQ_STATIC_ASSERT(e, m) static_assert(e, m)
#else
#define GPIOIRQ_STATIC_ASSERT(e, m) /* C++98: checked by the library's own build */
#endif
GPIOIRQ_STATIC_ASSERT(GPIOIRQ_EDGES_RISING == GPIOIRQ_LINE_EDGE_RISING &&
		      GPIOIRQ_EDGES_FALLING == GPIOIRQ_LINE_EDGE_FALLING &&
		      GPIOIRQ_EDGES_BOTH == GPIOIRQ_LINE_EDGE_BOTH &&
		      GPIOIRQ_EDGES_RISING == GPIOIRQ_EDGE_RISING &&
		      GPIOIRQ_EDGES_FALLING == GPIOIRQ_EDGE_FALLING,
		      "enum gpioirq_edges matches the uAPI's edge values");

/*
 * Events a line without a callback keeps for gpioirq_line_wait(), and a line
 * with a callback keeps back while masked. When full, the oldest is dropped
 * and counted in struct gpioirq_stats.unclaimed.
 */
#define GPIOIRQ_LINE_QUEUE_EVENTS	64

/**
 * struct gpioirq_line_settings - how to request a line
 * @edges: enum gpioirq_edges, logical (after active-low); default (and 0)
 *         both, because levels, pulses and pulse_ns are only known when
 *         both edges are seen
 * @bias: enum gpioirq_bias; default GPIOIRQ_BIAS_AS_IS
 * @active_low: true inverts the line: edges, levels and values are logical;
 *              default false
 * @debounce_us: debounce period in µs, 0 (the default) for none, at most
 *               GPIOIRQ_DEBOUNCE_MAX_US
 * @bh: bottom half, GPIOIRQ_BH_AUTO (default), _TASKLET, _WORKQUEUE,
 *      _WORKQUEUE_BH (a BH work item, 6.9+: EOPNOTSUPP before) or _DIRECT
 *      (none: the top half writes the ring; for measuring what deferral
 *      costs; EINVAL with debounce_us or on a chip that sleeps, EOPNOTSUPP
 *      on PREEMPT_RT); see include/uapi/gpioirq.h
 * @clock: clock of timestamp_ns, GPIOIRQ_CLOCK_MONOTONIC (default),
 *         _REALTIME or _BOOTTIME
 * @storm_limit: edges per second above which the module masks the line
 *               (then a GPIOIRQ_EVENT_STORM event follows);
 *               GPIOIRQ_STORM_DEFAULT (the module's, the default) or
 *               GPIOIRQ_STORM_OFF
 * @callback: called for every event of the line; NULL (the default) puts
 *            the line in wait mode: its events are kept for
 *            gpioirq_line_wait()
 * @user_data: passed to @callback as its arg; default NULL
 * @consumer: the name the line is used by, as gpioinfo and `irqctl list`
 *            show it (libgpiod's gpiod_request_config_set_consumer(),
 *            gpiomon's --consumer); NULL (the default) for GPIOIRQ_CONSUMER,
 *            "gpioirq". 1 to GPIOIRQ_NAME_SIZE - 1 printable characters and
 *            no space; copied at the request (gpioirq_line_reconfigure()
 *            ignores it: a line keeps the name it was requested with)
 * @reserved: must be zero (gpioirq_line_settings_init() zeroes it)
 *
 * Zero-initialised settings (`struct gpioirq_line_settings ls = {0};`) are
 * the defaults: gpioirq_line_settings_init() gives the same meaning.
 */
struct gpioirq_line_settings {
	enum gpioirq_edges edges;
	enum gpioirq_bias bias;
	bool active_low;
	uint32_t debounce_us;
	uint32_t bh;
	uint32_t clock;
	uint32_t storm_limit;
	gpioirq_callback_t callback;
	void *user_data;
	union {
		const char *consumer;
		uint64_t consumer_storage_;	/* the same size on every ABI */
	};
	uint64_t reserved[3];
};

/**
 * gpioirq_line_settings_init() - fill @settings with the defaults above (all
 * zero but @edges, GPIOIRQ_EDGES_BOTH)
 * @settings: out
 */
GPIOIRQ_API void gpioirq_line_settings_init(struct gpioirq_line_settings *settings);

/**
 * gpioirq_line_request() - request a line by chip and offset
 * @ctx: the context
 * @chip: the chip as gpiomon v2's -c takes it: path ("/dev/gpiochip0"),
 *        device name ("gpiochip0"), number ("0") or label ("gpio-sim.0"),
 *        tried in that order; the library asks the module by device name, and
 *        by label when the module cannot tell the name (see the uAPI's
 *        struct gpioirq_line_request) and the label is unique; when
 *        libgpiod cannot open the chip, the string goes to the module
 *        unchanged (it matches device names and labels)
 * @offset: the line's offset on that chip
 * @settings: how to request it; NULL for the defaults (wait mode)
 *
 * Events of the line flow from when this returns.
 *
 * Return: the line, owned by @ctx (release it, or let gpioirq_close() do
 * it), or NULL with errno:
 *  EINVAL  a bad argument or setting (the module's checks included: offset
 *          out of range, two bias flags, debounce too long, ...);
 *  ENAMETOOLONG  the chip's name, or @settings->consumer, is longer than
 *          GPIOIRQ_NAME_SIZE - 1;
 *  ENODEV  no such chip;
 *  EBUSY   the line is in use;
 *  ENOSPC  the context holds GPIOIRQ_MAX_LINES lines already;
 *  ENXIO   the line cannot interrupt;
 *  EOPNOTSUPP  the chip cannot do the bias, or software debounce on a chip
 *          that sleeps, or a @settings->consumer the module cannot take
 *          (one older than GPIOIRQ_FEATURE_CONSUMER);
 *  ENOMEM, or what else the module reports.
 */
GPIOIRQ_API struct gpioirq_line *gpioirq_line_request(struct gpioirq *ctx, const char *chip,
						      unsigned int offset,
						      const struct gpioirq_line_settings *settings);

/**
 * gpioirq_line_request_multiple() - request several lines of one chip, all
 * or none, as libgpiod v2's gpiod_chip_request_lines()
 * @ctx: the context
 * @chip: as gpioirq_line_request()
 * @offsets: the lines' offsets on @chip, each at most once
 * @num_lines: how many, 1..GPIOIRQ_MAX_LINES
 * @settings: for every line, as gpioirq_line_request()
 * @lines: out, @num_lines entries: lines[i] is the line of offsets[i]
 *
 * No event of any of the lines reaches a callback (or a queue) before all
 * are requested; when one fails, those already requested are released and
 * their events discarded, and @lines is left alone.
 *
 * Return: 0, or -1 with errno as gpioirq_line_request(), and EINVAL when
 * @num_lines is 0 or above GPIOIRQ_MAX_LINES or an offset is given twice.
 */
GPIOIRQ_API int gpioirq_line_request_multiple(struct gpioirq *ctx, const char *chip,
					      const unsigned int *offsets, size_t num_lines,
					      const struct gpioirq_line_settings *settings,
					      struct gpioirq_line **lines);

/**
 * gpioirq_line_request_by_name() - request a line by its name
 * @ctx: the context
 * @name: the line's name: the first line of that name over all chips, in
 *        device-number order (as gpiofind and gpiomon v2 find it)
 * @settings: as gpioirq_line_request()
 *
 * Return: as gpioirq_line_request(); ENOENT when no line has that name.
 */
GPIOIRQ_API struct gpioirq_line *
gpioirq_line_request_by_name(struct gpioirq *ctx, const char *name,
			     const struct gpioirq_line_settings *settings);

/**
 * gpioirq_line_release() - release a line and free its handle
 * @line: the line, or NULL (does nothing)
 *
 * When this returns, no callback of @line is running (unless called from
 * that very callback, which then finishes normally) or will run again, and
 * events of @line still in the ring are discarded (counted in stats.stale).
 * A thread blocked in gpioirq_line_wait() on @line returns -1 with errno
 * ECANCELED.
 */
GPIOIRQ_API void gpioirq_line_release(struct gpioirq_line *line);

/**
 * gpioirq_line_reconfigure() - change a requested line's settings
 * @line: the line
 * @settings: the new settings; @settings->bh must be the kind the line was
 *            requested with (the module cannot switch bottom halves)
 *
 * The callback and user_data change too; events already taken from the ring
 * go to the new callback. A line that leaves wait mode loses its queued
 * events.
 *
 * Return: 0, or -1 with errno (EINVAL, or the module's).
 */
GPIOIRQ_API int gpioirq_line_reconfigure(struct gpioirq_line *line,
					 const struct gpioirq_line_settings *settings);

/**
 * gpioirq_line_mask() - enter a critical section against @line's callback
 * @line: the line
 *
 * As MicroPython's disable_irq() for one line, without holding off the
 * others: the module masks the line's interrupt, and the library keeps its
 * events already in the ring for later (up to GPIOIRQ_LINE_QUEUE_EVENTS).
 * When this returns, @line's callback is not running (unless called from it)
 * and will not run until gpioirq_line_unmask(). Edges while masked are not
 * reported (the interrupt core may replay one edge at the unmask), as the
 * module's GPIOIRQ_IOC_LINE_MASK says. Masks do not nest.
 *
 * Return: 0, or -1 with errno: EALREADY the line is masked already;
 * EINVAL, or the module's.
 */
GPIOIRQ_API int gpioirq_line_mask(struct gpioirq_line *line);

/**
 * gpioirq_line_unmask() - leave the critical section
 * @line: the line
 *
 * Events kept back during the mask are delivered first, in order, by the
 * consumer thread (the fd of gpioirq_get_fd() becomes readable). Also lifts
 * a mask the module's storm guard set (after a GPIOIRQ_EVENT_STORM event).
 *
 * Return: 0, or -1 with errno: EALREADY the line is masked by neither you
 * nor the storm guard; EINVAL, or the module's.
 */
GPIOIRQ_API int gpioirq_line_unmask(struct gpioirq_line *line);

/**
 * gpioirq_line_get_value() - read the line's logical level now
 * @line: the line
 *
 * Return: 1 (active) or 0 (inactive), active-low applied; -1 with errno.
 */
GPIOIRQ_API int gpioirq_line_get_value(struct gpioirq_line *line);

/**
 * gpioirq_line_get_stats() - the module's counters of the line
 * @line: the line
 * @stats: out, filled by GPIOIRQ_IOC_LINE_STATS (see include/uapi/gpioirq.h)
 *
 * Return: 0, or -1 with errno.
 */
GPIOIRQ_API int gpioirq_line_get_stats(struct gpioirq_line *line,
				       struct gpioirq_line_stats *stats);

/**
 * gpioirq_line_get_handle() - the module's handle of the line (the
 * handle field of its events)
 * @line: the line
 *
 * Return: the handle, or -1 with errno EINVAL.
 */
GPIOIRQ_API int gpioirq_line_get_handle(struct gpioirq_line *line);

/**
 * gpioirq_line_get_offset() - the line's offset on its chip
 * @line: the line
 *
 * Return: the offset, or -1 with errno EINVAL.
 */
GPIOIRQ_API int gpioirq_line_get_offset(struct gpioirq_line *line);

/**
 * gpioirq_line_get_chip_name() - the chip the line was requested on
 * @line: the line
 *
 * Return: the chip's device name ("gpiochip0") when libgpiod resolved it,
 * else the string given to gpioirq_line_request(); owned by @line, valid
 * until it is released. NULL with errno EINVAL.
 */
GPIOIRQ_API const char *gpioirq_line_get_chip_name(struct gpioirq_line *line);

/**
 * gpioirq_line_get_user_data() - the line's settings.user_data
 * @line: the line
 *
 * Return: user_data (may be NULL).
 */
GPIOIRQ_API void *gpioirq_line_get_user_data(struct gpioirq_line *line);

/**
 * struct gpioirq_line_info - a line as gpioinfo shows it, whoever holds it
 * @chip: the chip's device name ("gpiochip0")
 * @name: the line's name ("GPIO17", "sim-3"), "" when it has none
 * @consumer: the holder's consumer name ("gpiomon", "irqctl", a driver's
 *            label), "" when the line is free or its holder gave none
 * @offset: the line's offset on @chip
 * @used: the line is requested: by the GPIO character device, a kernel
 *        driver (gpio-keys, a device tree hog) or gpioirq
 * @output: the line is an output
 * @active_low: the line's active-low flag as its holder set it
 * @reserved_: zero; room for later fields
 *
 * What the kernel says at the time of the call (libgpiod's
 * gpiod_chip_get_line_info() / gpiod_line_info); it can change at once.
 */
struct gpioirq_line_info {
	char chip[GPIOIRQ_NAME_SIZE];
	char name[GPIOIRQ_NAME_SIZE];
	char consumer[GPIOIRQ_NAME_SIZE];
	uint32_t offset;
	bool used;
	bool output;
	bool active_low;
	uint8_t reserved_[9];
};

/**
 * gpioirq_line_get_info() - who holds a line, and how, now
 * @chip: as gpioirq_line_request() takes it: a path, device name, number
 *        or label
 * @offset: the line's offset on that chip
 * @info: out
 *
 * Needs no context and no module: it asks the GPIO character device, as
 * gpioinfo does. Use it to say who holds a line a request found EBUSY.
 *
 * Return: 0, or -1 with errno: EINVAL a NULL argument or @offset past the
 * chip's lines; ENODEV no such chip; EACCES (or the like) the chip's
 * device cannot be opened.
 */
GPIOIRQ_API int gpioirq_line_get_info(const char *chip, unsigned int offset,
				      struct gpioirq_line_info *info);

/**
 * gpioirq_line_get_info_by_name() - gpioirq_line_get_info() of a named line
 * @name: the line's name, found as gpioirq_line_request_by_name() finds it
 * @info: out
 *
 * Return: as gpioirq_line_get_info(); ENOENT when no line has that name.
 */
GPIOIRQ_API int gpioirq_line_get_info_by_name(const char *name, struct gpioirq_line_info *info);

/**
 * gpioirq_event_get_line() - the line of an event given to a callback
 * @ev: the very pointer the library passed to a callback; never a copy of
 *      the event (the line is found past its end): for copies, and for
 *      events of gpioirq_read_events(), use gpioirq_event_find_line()
 *
 * Return: the line, valid during the callback.
 */
GPIOIRQ_API struct gpioirq_line *gpioirq_event_get_line(const struct gpioirq_event *ev);

/**
 * gpioirq_event_find_line() - the line of any event of @ctx, copies included
 * @ctx: the context the event came from
 * @ev: an event, or a copy of one (its handle and cookie are all it reads)
 *
 * Return: the line, valid until it is released; NULL with errno:
 *  EINVAL  @ctx or @ev is NULL;
 *  ENOENT  the event's line was released (its handle may have gone to a
 *          newer line: that line is never returned for an old event).
 */
GPIOIRQ_API struct gpioirq_line *gpioirq_event_find_line(struct gpioirq *ctx,
							 const struct gpioirq_event *ev);

/* ---------------------------------------------------------------------------
 * Dispatch
 */

/**
 * gpioirq_dispatch() - take pending events from the ring and run callbacks
 * @ctx: the context
 * @timeout_ms: when the ring is empty: 0 returns at once, -1 waits
 *              forever, > 0 waits at most this long (ms) for an event
 *
 * Takes every event pending (at most the ring's size per call), without a
 * system call, and runs the callbacks in the calling thread. When none is
 * pending: spins for the busy-poll budget, then asks the kernel for a
 * wake-up and sleeps in poll() until an event comes or @timeout_ms passes.
 * Events of lines in wait mode are queued for gpioirq_line_wait(); events
 * of masked lines are kept back until unmask.
 *
 * One thread consumes at a time: when another thread is in
 * gpioirq_dispatch() or consuming in gpioirq_line_wait(), this call waits
 * for it up to @timeout_ms (and returns 0 if it never gets its turn).
 *
 * Return: the number of events taken (from the ring or kept-back queues),
 * 0 when @timeout_ms passed with none; -1 with errno:
 *  EINVAL   @ctx is NULL or @timeout_ms < -1;
 *  EBUSY    the dispatcher thread runs;
 *  EDEADLK  called from a callback;
 *  EINTR    a signal interrupted the sleep;
 *  EIO      poll() reported an error on the device.
 */
GPIOIRQ_API int gpioirq_dispatch(struct gpioirq *ctx, int timeout_ms);

/**
 * gpioirq_read_events() - take events without callbacks, in a batch, as
 * libgpiod v2's gpiod_line_request_read_edge_events()
 * @ctx: the context
 * @buf: out, room for @max_events events
 * @max_events: at least 1
 * @timeout_ms: when none is pending: 0 returns at once, -1 waits forever,
 *              > 0 waits at most this long (ms)
 *
 * Fills @buf with events of the lines that have no callback (wait mode), in
 * ring order (seqno), taken from the ring the way gpioirq_dispatch() takes
 * them: no system call while events are pending. Events of lines with a
 * callback still go to their callbacks, run in this thread meanwhile. Use
 * gpioirq_event_find_line() to get an event's line. Lines read this way
 * should not also be waited on with gpioirq_line_wait(): both take from the
 * same queue. When the dispatcher thread runs, this only sleeps until it
 * has queued events.
 *
 * Return: the number of events stored (1..@max_events), 0 when @timeout_ms
 * passed with none; -1 with errno:
 *  EINVAL   @ctx or @buf is NULL, @max_events is 0, or @timeout_ms < -1;
 *  EDEADLK  called from a callback of @ctx;
 *  EINTR, EIO as gpioirq_dispatch().
 */
GPIOIRQ_API int gpioirq_read_events(struct gpioirq *ctx, struct gpioirq_event *buf,
				    size_t max_events, int timeout_ms);

/**
 * struct gpioirq_thread_config - the dispatcher thread's scheduling
 * @sched_priority: 0 (the default) for SCHED_OTHER; 1..99 for SCHED_FIFO at
 *                  that priority (needs CAP_SYS_NICE or an RLIMIT_RTPRIO)
 * @cpu: the CPU to pin the thread to, or -1 (the default) for any; the CPU
 *       that takes the lines' interrupt gives the lowest latency (its bottom
 *       half runs there: Documentation/performance.md)
 * @reserved: must be zero
 */
struct gpioirq_thread_config {
	int sched_priority;
	int cpu;
	uint64_t reserved[4];
};

/**
 * gpioirq_thread_config_init() - fill @cfg with the defaults
 * @cfg: out
 */
GPIOIRQ_API void gpioirq_thread_config_init(struct gpioirq_thread_config *cfg);

/**
 * gpioirq_thread_start() - start the built-in dispatcher thread (mode c)
 * @ctx: the context
 * @cfg: scheduling, or NULL for the defaults
 *
 * The thread runs every callback of @ctx until gpioirq_thread_stop() or
 * gpioirq_close(). It is created with its priority and CPU already set, so
 * no callback ever runs with other settings. When another thread is
 * consuming (gpioirq_dispatch(), gpioirq_line_wait()), the dispatcher thread
 * takes over when that call returns.
 *
 * Return: 0, or -1 with errno:
 *  EPERM   SCHED_FIFO was asked and this process may not use it: nothing
 *          started (run with CAP_SYS_NICE, raise RLIMIT_RTPRIO, or ask for
 *          sched_priority 0);
 *  EINVAL  a bad argument, priority out of 0..99, or @cfg->cpu not a CPU of
 *          this machine;
 *  EBUSY   the thread runs already;
 *  EDEADLK called from a callback;
 *  EAGAIN  no resources for a thread.
 */
GPIOIRQ_API int gpioirq_thread_start(struct gpioirq *ctx,
				     const struct gpioirq_thread_config *cfg);

/**
 * gpioirq_thread_stop() - stop and join the dispatcher thread
 * @ctx: the context
 *
 * Events pending when it stops stay in the ring for the next consumer.
 *
 * Return: 0 (also when no thread runs), or -1 with errno EINVAL, or EDEADLK
 * when called from a callback (that is, from the thread itself).
 */
GPIOIRQ_API int gpioirq_thread_stop(struct gpioirq *ctx);

/* ---------------------------------------------------------------------------
 * Wait API (MicroPythonRT's APin.wait())
 */

/* kind of gpioirq_line_wait(); levels and edges are logical (active-low) */
enum gpioirq_wait_kind {
	GPIOIRQ_WAIT_LEVEL_LOW = 1,	/* the line is inactive (0) */
	GPIOIRQ_WAIT_LEVEL_HIGH,	/* the line is active (1) */
	GPIOIRQ_WAIT_EDGE_FALLING,	/* a falling edge */
	GPIOIRQ_WAIT_EDGE_RISING,	/* a rising edge */
	GPIOIRQ_WAIT_PULSE_LOW,		/* a falling edge, then a rising edge */
	GPIOIRQ_WAIT_PULSE_HIGH,	/* a rising edge, then a falling edge */
};

/**
 * gpioirq_line_wait() - wait for a level, an edge or a pulse on a line
 * @line: a line in wait mode (requested with no callback)
 * @kind: enum gpioirq_wait_kind
 * @timeout_ms: -1 forever, 0 only what has happened already, > 0 at most
 *              this long, in ms
 * @pulse_ns: out, may be NULL: for PULSE kinds the pulse's duration in ns,
 *            the difference of its two edges' timestamps; for EDGE kinds
 *            the edge's pulse_ns (time since the line's previous edge); for
 *            LEVEL kinds 0
 *
 * A line in wait mode queues its events (GPIOIRQ_LINE_QUEUE_EVENTS of them)
 * from its request on, so no edge is lost between two calls:
 *  - EDGE kinds return at the first queued or new edge of that direction,
 *    and drop the queued events up to it;
 *  - PULSE kinds return at the first queued or new edge pair (the second
 *    edge following the first with no edge in between), measured from the
 *    timestamps; an edge flagged GPIOIRQ_EVENT_F_MISSED restarts the pulse;
 *  - LEVEL kinds drop the queued events, read the line's value, and return
 *    at once if it is the level asked, else at the first edge to it.
 * Each call goes on from where the previous one on the line stopped: a
 * pulse whose opening edge came after the previous call's last edge is
 * measured even if it began before that call returned. Storm events are
 * skipped.
 *
 * When the dispatcher thread runs, this only sleeps. Otherwise the calling
 * thread consumes the ring while it waits (running other lines' callbacks
 * as gpioirq_dispatch() would), or sleeps while another thread does.
 *
 * Return: 0, or -1 with errno:
 *  ETIMEDOUT  @timeout_ms passed;
 *  EINVAL     a bad argument, or @line's edges cannot show @kind (PULSE
 *             kinds need both edges; EDGE and LEVEL kinds the edge to it);
 *  EBUSY      @line has a callback;
 *  ECANCELED  @line was released meanwhile (do not use it again);
 *  ENODEV     @line's chip went away (GPIOIRQ_EVENT_CHIP_GONE): the edges
 *             that came before are still matched first; release the line;
 *  EDEADLK    called from a callback of the line's context (the waiter
 *             would wait for events only its own thread could take);
 *  EINTR, EIO as gpioirq_dispatch().
 */
GPIOIRQ_API int gpioirq_line_wait(struct gpioirq_line *line, enum gpioirq_wait_kind kind,
				  int timeout_ms, uint64_t *pulse_ns);

/**
 * gpioirq_line_wait_event() - gpioirq_line_wait(), giving the event that ended it
 * @line, @kind, @timeout_ms: as gpioirq_line_wait()
 * @ev: out, may be NULL: the edge that ended the wait, a copy
 *      (gpioirq_event_find_line() gives its line):
 *       - EDGE kinds: that edge;
 *       - PULSE kinds: the pulse's closing edge, with pulse_ns set to the
 *         pulse's width in ns (the difference of its two edges'
 *         timestamps), timestamp_ns its end;
 *       - LEVEL kinds: the edge to the level; or, when the line was at that
 *         level already, no edge: seqno and line_seqno 0, timestamp_ns the
 *         time of the read (the line's clock), level the level.
 *
 * MicroPythonRT's APin.wait() returns the event in the same way.
 *
 * Return: as gpioirq_line_wait().
 */
GPIOIRQ_API int gpioirq_line_wait_event(struct gpioirq_line *line, enum gpioirq_wait_kind kind,
					int timeout_ms, struct gpioirq_event *ev);

/**
 * DOC: output lines
 *
 * An output is a line this process drives, held through the GPIO character
 * device with libgpiod, not through the module: no context is needed, and
 * the line shows in gpioinfo as "output" with its consumer. With it one
 * program (a gpiozero one: LEDs next to buttons) drives its outputs and
 * takes its inputs' edges from gpioirq. Values are logical (0 inactive, 1
 * active) and never change by themselves. Each call on one output takes its
 * mutex, so any thread may call any of them, except that
 * gpioirq_output_release() must be the last call on it.
 */
struct gpioirq_output;

/**
 * gpioirq_output_request() - drive a line as an output
 * @chip: as gpioirq_line_request() takes it: a path ("/dev/gpiochip0"), a
 *        device name ("gpiochip0"), a number ("0") or a label
 * @offset: the line's offset on that chip
 * @value: the value driven from the request on, 0 or 1
 * @consumer: the name gpioinfo shows as the line's holder (at most 31
 *            bytes are kept, as the kernel does); NULL: "gpioirq"
 *
 * Follows libgpiod's request: gpiod_line_request_output() on libgpiod 1.6,
 * gpiod_chip_request_lines() with GPIOD_LINE_DIRECTION_OUTPUT on 2.x.
 *
 * Return: the output, owned by the caller until gpioirq_output_release();
 * NULL with errno: EINVAL @chip NULL or empty, @value neither 0 nor 1, or
 * @offset past the chip's lines; ENODEV no chip matches @chip; EBUSY the
 * line is held (by gpioirq, another process, a driver: see
 * gpioirq_line_get_info()); EACCES (or the like) the chip's device cannot
 * be opened; ENOMEM; other values from the kernel's request (EIO).
 */
GPIOIRQ_API struct gpioirq_output *gpioirq_output_request(const char *chip, unsigned int offset,
							  int value, const char *consumer);

/**
 * gpioirq_output_request_by_name() - gpioirq_output_request() of a named line
 * @name: the line's name ("GPIO17", "sim-3"), found as
 *        gpioirq_line_request_by_name() finds it: the first line of that
 *        name, over every chip in device-number order
 * @value, @consumer: as gpioirq_output_request()
 *
 * Return: as gpioirq_output_request(); EINVAL also @name NULL or empty;
 * ENOENT no line has that name.
 */
GPIOIRQ_API struct gpioirq_output *gpioirq_output_request_by_name(const char *name, int value,
								  const char *consumer);

/**
 * gpioirq_output_set_value() - drive a value
 * @out: the output
 * @value: 0 (inactive) or 1 (active)
 *
 * The line is at @value when the call returns (the kernel's set call,
 * gpiod_line_set_value() / gpiod_line_request_set_value()).
 *
 * Return: 0, or -1 with errno: EINVAL @out NULL or @value neither 0 nor 1;
 * ENODEV the chip is gone; others from the kernel (EIO).
 */
GPIOIRQ_API int gpioirq_output_set_value(struct gpioirq_output *out, int value);

/**
 * gpioirq_output_get_value() - the value driven
 * @out: the output
 *
 * Asks the kernel (gpiod_line_get_value() / gpiod_line_request_get_value()),
 * which reads the chip's value of the line.
 *
 * Return: 0 or 1, or -1 with errno: EINVAL @out NULL; ENODEV the chip is
 * gone; others from the kernel (EIO).
 */
GPIOIRQ_API int gpioirq_output_get_value(struct gpioirq_output *out);

/**
 * gpioirq_output_release() - stop driving a line and free the output
 * @out: the output; NULL does nothing
 *
 * The line is free for any consumer when the call returns; the kernel
 * decides what it drives then (the chip's driver: usually the last value).
 * Never concurrent with another call on @out.
 */
GPIOIRQ_API void gpioirq_output_release(struct gpioirq_output *out);

#ifdef __cplusplus
}
#endif

#endif /* GPIOIRQ_H */
