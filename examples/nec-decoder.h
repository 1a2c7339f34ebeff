/* SPDX-License-Identifier: MIT */
/*
 * nec-decoder: NEC infrared remote frames from one line's edge events. Pure:
 * no I/O, no clock; examples/nec.c feeds it its line's events,
 * tests/unit/test-nec.c synthetic ones.
 *
 * An IR receiver module (TSOP382, VS1838B, ...) demodulates the 38 kHz
 * carrier and drives its output low during a mark (carrier on): active-low,
 * idle high. The line is requested active-low, so a mark is a logical high
 * pulse: its rising edge starts it, its falling edge ends it, and each
 * event's pulse_ns is the length of what the edge ends (a falling edge's is
 * the mark, a rising edge's the space before it), taken from the top half's
 * timestamps.
 *
 * A frame: a 9 ms mark, a 4.5 ms space, 32 bits each a 562.5 us mark and a
 * space of 562.5 us (0) or 1687.5 us (1), least significant bit first, and a
 * final 562.5 us mark. The 32 bits are address, ~address, command, ~command;
 * an extended (16-bit) address is the first two bytes together when they
 * are not each other's complement. A repeat code, sent every 108 ms while a
 * key is held: a 9 ms mark, a 2.25 ms space, a 562.5 us mark.
 *
 * Every duration is accepted within NEC_TOLERANCE_PCT of its nominal length
 * (the remote's ±10 % and the receiver's mark stretching both fit; the
 * ranges of 0 and 1, and of a frame and a repeat, stay apart). A duration
 * outside, an edge the module lost, or a command that is not its complement
 * rejects the frame with a reason; the edge that showed it may start the
 * next frame.
 */
#ifndef GPIOIRQ_EXAMPLES_NEC_DECODER_H
#define GPIOIRQ_EXAMPLES_NEC_DECODER_H

#include <gpioirq.h>
#include <stdbool.h>
#include <stdint.h>

#define NEC_HEADER_MARK_NS	9000000ull
#define NEC_HEADER_SPACE_NS	4500000ull
#define NEC_REPEAT_SPACE_NS	2250000ull
#define NEC_BIT_MARK_NS		562500ull
#define NEC_ZERO_SPACE_NS	562500ull
#define NEC_ONE_SPACE_NS	1687500ull
#define NEC_TOLERANCE_PCT	25

enum nec_result {
	NEC_NOTHING = 0,	/* inside a frame, or idle */
	NEC_FRAME,		/* a frame: .address, .command, .extended */
	NEC_REPEAT,		/* a repeat code: of .address, .command */
	NEC_BAD,		/* a frame was rejected: .reason */
};

enum nec_state {
	NEC_IDLE,		/* waiting for a mark to start */
	NEC_HEADER_MARK,	/* in the 9 ms mark */
	NEC_HEADER_SPACE,	/* in the 4.5 ms (frame) or 2.25 ms (repeat) space */
	NEC_BIT_MARK,		/* in bit .bits's mark */
	NEC_BIT_SPACE,		/* in bit .bits's space */
	NEC_STOP_MARK,		/* in the final mark */
	NEC_REPEAT_MARK,	/* in a repeat code's final mark */
};

/**
 * struct nec - a decoder; fill with nec_init(), then only read
 * @address: of the last frame: 8 bits, or 16 when @extended
 * @command: of the last frame, 8 bits
 * @extended: the address is 16 bits (its bytes are not complements)
 * @have_frame: a frame was decoded since the last rejected one (a repeat
 *              code repeats it)
 * @frames: frames decoded
 * @repeats: repeat codes decoded
 * @bad: frames rejected
 * @reason: why the last frame was rejected, a sentence
 * @state: enum nec_state
 * @bits: bits received of the frame being decoded
 * @data: those bits, the first in bit 0
 * @last_seqno: seqno of the last event, 0 before the first
 * @speed_pct: durations are divided by 100 / @speed_pct (nec_init: 100)
 */
struct nec {
	uint16_t address;
	uint8_t command;
	bool extended;
	bool have_frame;
	uint64_t frames;
	uint64_t repeats;
	uint64_t bad;
	char reason[96];
	enum nec_state state;
	unsigned int bits;
	uint32_t data;
	uint64_t last_seqno;
	unsigned int speed_pct;
};

/**
 * nec_init() - a decoder waiting for a frame
 * @n: out
 * @speed_pct: the speed at which the signal is played, in percent of real
 *             time: 100 for a real receiver; 10 when a recording is replayed
 *             ten times slower (every duration ten times longer). 1..10000.
 */
void nec_init(struct nec *n, unsigned int speed_pct);

/**
 * nec_feed() - one event of the receiver's line (requested active-low)
 * @n: the decoder
 * @ev: the event; a seqno gap or GPIOIRQ_EVENT_F_MISSED (edges lost), or a
 *      storm or chip-gone event, rejects the frame being decoded
 *
 * Return: enum nec_result, with @n's fields as the result says.
 */
enum nec_result nec_feed(struct nec *n, const struct gpioirq_event *ev);

#endif /* GPIOIRQ_EXAMPLES_NEC_DECODER_H */
