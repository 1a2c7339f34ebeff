// SPDX-License-Identifier: MIT
/*
 * nec-decoder: the NEC IR decoder of examples/nec.c; see nec-decoder.h.
 * Pure: no I/O.
 */
#include <stdarg.h>
#include <stdio.h>

#include "nec-decoder.h"

void nec_init(struct nec *n, unsigned int speed_pct)
{
	*n = (struct nec){ 0 };
	n->speed_pct = speed_pct ? speed_pct : 100;
}

/* @ns (as played) is @nominal (real time) within the tolerance. */
static bool nec_near(const struct nec *n, uint64_t ns, uint64_t nominal)
{
	uint64_t real = ns * n->speed_pct / 100;
	uint64_t margin = nominal * NEC_TOLERANCE_PCT / 100;

	return real >= nominal - margin && real <= nominal + margin;
}

static unsigned long long nec_us(const struct nec *n, uint64_t ns)
{
	return (unsigned long long)(ns * n->speed_pct / 100 / 1000);
}

__attribute__((format(printf, 2, 3)))
static enum nec_result nec_reject(struct nec *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(n->reason, sizeof(n->reason), fmt, ap);
	va_end(ap);
	n->bad++;
	n->have_frame = false;
	n->state = NEC_IDLE;
	return NEC_BAD;
}

/* The 32 bits are complete and the stop mark was right. */
static enum nec_result nec_frame(struct nec *n)
{
	uint8_t a = n->data & 0xff, na = n->data >> 8 & 0xff;
	uint8_t c = n->data >> 16 & 0xff, nc = n->data >> 24 & 0xff;

	n->state = NEC_IDLE;
	if ((uint8_t)(c ^ nc) != 0xff)
		return nec_reject(n, "command 0x%02x and its complement 0x%02x disagree", c, nc);
	n->extended = (uint8_t)(a ^ na) != 0xff;
	n->address = n->extended ? (uint16_t)(a | na << 8) : a;
	n->command = c;
	n->have_frame = true;
	n->frames++;
	return NEC_FRAME;
}

enum nec_result nec_feed(struct nec *n, const struct gpioirq_event *ev)
{
	bool rising = ev->edge == GPIOIRQ_EDGE_RISING;
	bool lost = (n->last_seqno && ev->seqno != n->last_seqno + 1) ||
		    (ev->flags & GPIOIRQ_EVENT_F_MISSED) || ev->type != GPIOIRQ_EVENT_EDGE;
	uint64_t ns = ev->pulse_ns;
	enum nec_state was = n->state;

	n->last_seqno = ev->seqno;
	if (lost) {
		n->state = NEC_IDLE;
		if (was == NEC_IDLE) {
			/* Nothing was being decoded; a rising edge may start a frame. */
			if (rising && ev->type == GPIOIRQ_EVENT_EDGE)
				n->state = NEC_HEADER_MARK;
			return NEC_NOTHING;
		}
		return nec_reject(n, "edges were lost in the frame");
	}

	switch (n->state) {
	case NEC_IDLE:
		if (rising)
			n->state = NEC_HEADER_MARK;
		return NEC_NOTHING;
	case NEC_HEADER_MARK:
		if (rising)
			break;
		/*
		 * Far too short for a leading mark: a glitch (sunlight, a lamp)
		 * or the rest of a frame already rejected, not a frame. Ignored,
		 * as the kernel's rc-core decoders ignore it.
		 */
		if (ns * n->speed_pct / 100 < NEC_HEADER_MARK_NS / 2) {
			n->state = NEC_IDLE;
			return NEC_NOTHING;
		}
		if (!nec_near(n, ns, NEC_HEADER_MARK_NS))
			return nec_reject(n, "a leading mark of %llu us, not 9000", nec_us(n, ns));
		n->state = NEC_HEADER_SPACE;
		return NEC_NOTHING;
	case NEC_HEADER_SPACE:
		if (!rising)
			break;
		if (nec_near(n, ns, NEC_HEADER_SPACE_NS)) {
			n->bits = 0;
			n->data = 0;
			n->state = NEC_BIT_MARK;
		} else if (nec_near(n, ns, NEC_REPEAT_SPACE_NS)) {
			n->state = NEC_REPEAT_MARK;
		} else {
			nec_reject(n, "a leading space of %llu us, not 4500 or 2250", nec_us(n, ns));
			/* This rising edge may be the next frame's. */
			n->state = NEC_HEADER_MARK;
			return NEC_BAD;
		}
		return NEC_NOTHING;
	case NEC_BIT_MARK:
	case NEC_STOP_MARK:
	case NEC_REPEAT_MARK:
		if (rising)
			break;
		if (!nec_near(n, ns, NEC_BIT_MARK_NS))
			return nec_reject(n, "a mark of %llu us after %u bits, not 562", nec_us(n, ns),
					  n->bits);
		if (n->state == NEC_STOP_MARK)
			return nec_frame(n);
		if (n->state == NEC_REPEAT_MARK) {
			n->state = NEC_IDLE;
			if (!n->have_frame)
				return nec_reject(n, "a repeat code with no frame before it");
			n->repeats++;
			return NEC_REPEAT;
		}
		n->state = NEC_BIT_SPACE;
		return NEC_NOTHING;
	case NEC_BIT_SPACE:
		if (!rising)
			break;
		if (nec_near(n, ns, NEC_ONE_SPACE_NS)) {
			n->data |= 1u << n->bits;
		} else if (!nec_near(n, ns, NEC_ZERO_SPACE_NS)) {
			nec_reject(n, "a space of %llu us after %u bits, not 562 or 1687",
				   nec_us(n, ns), n->bits);
			n->state = NEC_HEADER_MARK;
			return NEC_BAD;
		}
		n->bits++;
		n->state = n->bits == 32 ? NEC_STOP_MARK : NEC_BIT_MARK;
		return NEC_NOTHING;
	}
	/* Two edges of one direction in a row with no seqno gap: the module
	 * says the level did not change, which a frame cannot do.
	 */
	nec_reject(n, "two %s edges in a row", rising ? "rising" : "falling");
	if (rising)
		n->state = NEC_HEADER_MARK;
	return NEC_BAD;
}
