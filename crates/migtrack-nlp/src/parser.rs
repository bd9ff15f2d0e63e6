//! The dependency parser: greedy arc-eager transitions with labels, scored by an averaged
//! perceptron over the rich non-local features of Zhang & Nivre (2011), trained with the
//! dynamic oracle of Goldberg & Nivre (2012) so it learns to recover from its own mistakes.
//!
//! Why transition-based: linear time (two transitions per word), so a sentence costs a few
//! microseconds per word and a long one cannot blow up; greedy decoding with a dynamic oracle
//! gets most of the accuracy of beam search at a fraction of the cost.

use crate::binary::{Error, Reader, Writer};
use crate::perceptron::{KeyMap, LookupCache, Trainer, Weights, feature, mix};

/// Decoding keeps in the beam only the configurations whose score is more than this above
/// the best one's less it (besides being among the `width` best): where the model is sure,
/// the beam narrows, down to one configuration when nothing comes close, and fewer
/// configurations are scored. A perceptron score, so its scale is the model's; chosen on
/// en_ewt dev with the shipped English model (`examples/beam_sweep.rs`): UAS/LAS 86.33/83.21
/// against 86.30/83.19 with the full beam (test 86.58/83.70 against 86.71/83.82; 100 lost
/// a gold quote, 90 already 0.3 LAS on dev). Training never narrows the beam.
pub const DECODE_MARGIN: f32 = 120.0;

/// Longest sentence the parser analyses; past it a flat analysis stands in (every word hangs
/// from the first), which keeps the cost per sentence bounded.
pub const MAX_WORDS: usize = 250;

const NONE: u64 = 0x2d2d2d;
const ROOT_WORD: u64 = 0x524f4f54;
const UNSET: usize = usize::MAX;

const SHIFT: usize = 0;
const REDUCE: usize = 1;

/// A trained parser.
#[derive(Debug, Clone, Default)]
pub struct Parser {
    pub labels: Vec<String>,
    root_label: usize,
    weights: Weights,
    /// Beam width the parser was trained for (1 = greedy).
    beam: usize,
    /// Decoding drops configurations whose score is more than this below the best one.
    margin: Option<f32>,
}

/// What the parser reads of a word: a hash of its normalised form and its tag class.
#[derive(Debug, Clone, Copy)]
pub struct Input {
    pub word: u64,
    pub tag: u64,
}

/// Buffers a beam search reuses from step to step.
#[derive(Default)]
struct Scratch {
    scores: Vec<f32>,
    /// The best moves of this step over the whole beam, best first, at most `width`.
    candidates: Vec<(f32, usize, usize)>,
    /// The next beam, built in place (its items' buffers are reused from step to step).
    next: Vec<Item>,
    /// Keep each configuration's transitions (training needs them, decoding does not).
    record: bool,
    /// Drop the moves whose total is more than this below the step's best (decoding only).
    margin: Option<f32>,
}

/// Best first; ties in a fixed order so decoding is deterministic.
fn by_score(a: &(f32, usize, usize), b: &(f32, usize, usize)) -> std::cmp::Ordering {
    b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2))
}

/// Offer a move to the step's best list. Moves are offered in (item, action) order, so a
/// move whose total only ties the worst kept one loses the tie (as [`by_score`] orders it),
/// and most moves are turned away by one comparison with the worst kept.
#[inline(always)]
fn offer(candidates: &mut Vec<(f32, usize, usize)>, width: usize, entry: (f32, usize, usize)) {
    if candidates.len() == width && entry.0 <= candidates[width - 1].0 {
        return;
    }
    keep(candidates, width, entry);
}

/// The rarer half of [`offer`]: `entry` enters the list (the worst kept leaves a full one).
/// Out of line, so that the turning away stays a compare and a branch where moves are offered.
#[inline(never)]
fn keep(candidates: &mut Vec<(f32, usize, usize)>, width: usize, entry: (f32, usize, usize)) {
    if candidates.len() == width {
        candidates.pop();
    }
    // Where `partition_point(|kept| by_score(kept, &entry).is_lt())` would insert it, found
    // by moving the worse ones up one place from the end, which for a list this short beats
    // a search and a `Vec::insert`. Moves are offered in (item, action) order, so every kept
    // one comes before `entry` in that order: [`by_score`] puts a kept one after `entry`
    // exactly when `entry`'s total is greater, and the ties need no look at the rest.
    debug_assert!(
        candidates
            .iter()
            .all(|kept| (kept.1, kept.2) < (entry.1, entry.2))
    );
    candidates.push(entry);
    let mut at = candidates.len() - 1;
    while at > 0 && entry.0.total_cmp(&candidates[at - 1].0).is_gt() {
        candidates[at] = candidates[at - 1];
        at -= 1;
    }
    candidates[at] = entry;
    debug_assert!(
        candidates
            .windows(2)
            .all(|pair| by_score(&pair[0], &pair[1]).is_lt())
    );
}

/// Scores every unfinished configuration of a beam: item `i`'s transitions get the
/// `classes` scores starting at `i * classes` (finished items' scores are left as they are).
type BeamScorer<'a> = dyn FnMut(&[Item], &mut [f32]) + 'a;

/// Advance every unfinished configuration of `beam` by one transition and keep the `width`
/// best (finished ones compete with their score as it is). False once all are finished.
fn beam_step(
    beam: &mut Vec<Item>,
    width: usize,
    root_label: usize,
    classes: usize,
    score: &mut BeamScorer<'_>,
    scratch: &mut Scratch,
) -> bool {
    if beam.iter().all(|item| item.state.terminal()) {
        return false;
    }
    scratch.candidates.clear();
    scratch.scores.resize(beam.len() * classes, 0.0);
    score(beam, &mut scratch.scores[..beam.len() * classes]);
    let margin = scratch.margin.unwrap_or(f32::INFINITY);
    for (index, item) in beam.iter().enumerate() {
        if item.state.terminal() {
            offer(&mut scratch.candidates, width, (item.score, index, UNSET));
            continue;
        }
        let candidates = &mut scratch.candidates;
        let scores = &scratch.scores[index * classes..(index + 1) * classes];
        // A move can only enter if it beats the worst kept and comes within the margin of
        // the best so far (the best can only rise, so one that does not is cut below
        // anyway): most are turned away here by one comparison, before any legality check.
        let worst = if candidates.len() == width {
            candidates[width - 1].0
        } else {
            f32::NEG_INFINITY
        };
        let best = candidates.first().map_or(f32::NEG_INFINITY, |best| best.0);
        let floor = worst.max(best - margin) - item.score;
        item.state
            .for_each_legal_above(root_label, scores, floor, |action| {
                offer(
                    candidates,
                    width,
                    (item.score + scores[action], index, action),
                );
            });
    }
    if scratch.candidates.is_empty() {
        return false;
    }
    // Moves whose total is not above the best one's less the margin leave the beam: where the
    // model is sure, the beam narrows (to one configuration when nothing comes close).
    let floor = scratch.candidates[0].0 - margin;
    let kept = scratch
        .candidates
        .partition_point(|candidate| candidate.0 > floor);
    scratch.candidates.truncate(kept.max(1));
    let next = &mut scratch.next;
    next.truncate(scratch.candidates.len());
    for (slot, &(total, index, action)) in scratch.candidates.iter().enumerate() {
        if slot < next.len() {
            next[slot].clone_from(&beam[index]);
        } else {
            next.push(beam[index].clone());
        }
        let item = &mut next[slot];
        if action != UNSET {
            item.state.apply(action);
            if scratch.record {
                item.actions.push(action as u16);
            }
        }
        item.score = total;
    }
    std::mem::swap(beam, next);
    true
}

/// A configuration in the beam with its score and the transitions that led to it.
#[derive(Debug)]
struct Item {
    state: State,
    score: f32,
    actions: Vec<u16>,
}

/// By hand, so that `clone_from` reuses the buffers (the beam is rebuilt at every step).
impl Clone for Item {
    fn clone(&self) -> Self {
        Item {
            state: self.state.clone(),
            score: self.score,
            actions: self.actions.clone(),
        }
    }

    fn clone_from(&mut self, source: &Self) {
        self.state.clone_from(&source.state);
        self.score = source.score;
        self.actions.clone_from(&source.actions);
    }
}

/// A parse: for each word its head (`None` = root) and label index.
pub struct Tree {
    pub heads: Vec<Option<usize>>,
    pub labels: Vec<usize>,
}

/// A position or a label index as a [`Node`] keeps it: two bytes (sentences have at most
/// [`MAX_WORDS`] words), so that copying configurations, which the beam does at every step,
/// moves less than half the bytes of `usize` fields.
type Small = u16;

/// A [`Small`] that is not set ([`UNSET`] as a `usize`).
const NIL: Small = Small::MAX;

/// A [`Small`] as a `usize` ([`NIL`] becomes [`UNSET`]).
#[inline]
fn wide(value: Small) -> usize {
    if value == NIL { UNSET } else { value as usize }
}

/// What the parser knows of one position while parsing.
#[derive(Debug, Clone, Copy)]
struct Node {
    head: Small,
    label: Small,
    leftmost: Small,
    left_second: Small,
    rightmost: Small,
    right_second: Small,
    left_count: Small,
    right_count: Small,
    left_labels: u64,
    right_labels: u64,
    in_stack: bool,
}

const EMPTY_NODE: Node = Node {
    head: NIL,
    label: NIL,
    leftmost: NIL,
    left_second: NIL,
    rightmost: NIL,
    right_second: NIL,
    left_count: 0,
    right_count: 0,
    left_labels: 0,
    right_labels: 0,
    in_stack: false,
};

/// The parser configuration. Positions are 1-based; 0 is the artificial root.
#[derive(Debug)]
struct State {
    words: usize,
    stack: Vec<usize>,
    buffer: usize,
    nodes: Vec<Node>,
}

impl Clone for State {
    fn clone(&self) -> Self {
        State {
            words: self.words,
            stack: self.stack.clone(),
            buffer: self.buffer,
            nodes: self.nodes.clone(),
        }
    }

    /// Transitions only ever change the nodes up to the next word's, so only those are
    /// copied (and the stale ones of this state past them are emptied).
    fn clone_from(&mut self, source: &Self) {
        if self.nodes.len() == source.nodes.len() {
            let len = self.nodes.len();
            let copied = (source.buffer + 1).min(len);
            let dirty = (self.buffer + 1).min(len);
            self.nodes[..copied].copy_from_slice(&source.nodes[..copied]);
            if dirty > copied {
                self.nodes[copied..dirty].fill(EMPTY_NODE);
            }
        } else {
            self.nodes.clone_from(&source.nodes);
        }
        self.words = source.words;
        self.stack.clone_from(&source.stack);
        self.buffer = source.buffer;
    }
}

impl State {
    fn new(words: usize) -> Self {
        let mut nodes = vec![EMPTY_NODE; words + 1];
        nodes[0].in_stack = true;
        State {
            words,
            stack: vec![0],
            buffer: 1,
            nodes,
        }
    }

    fn terminal(&self) -> bool {
        self.buffer > self.words
    }

    fn top(&self) -> usize {
        *self.stack.last().expect("the root never leaves the stack")
    }

    fn add_arc(&mut self, head: usize, dependent: usize, label: usize) {
        self.nodes[dependent].head = head as Small;
        self.nodes[dependent].label = label as Small;
        let bit = 1u64 << (label % 64);
        let node = &mut self.nodes[head];
        let (dependent_at, dependent) = (dependent, dependent as Small);
        if dependent_at < head {
            node.left_count += 1;
            node.left_labels |= bit;
            if node.leftmost == NIL || dependent < node.leftmost {
                node.left_second = node.leftmost;
                node.leftmost = dependent;
            } else if node.left_second == NIL || dependent < node.left_second {
                node.left_second = dependent;
            }
        } else {
            node.right_count += 1;
            node.right_labels |= bit;
            if node.rightmost == NIL || dependent > node.rightmost {
                node.right_second = node.rightmost;
                node.rightmost = dependent;
            } else if node.right_second == NIL || dependent > node.right_second {
                node.right_second = dependent;
            }
        }
    }

    fn legal(&self, action: usize, root_label: usize) -> bool {
        let has_buffer = self.buffer <= self.words;
        let top = self.top();
        match action {
            SHIFT => has_buffer,
            REDUCE => top != 0 && self.nodes[top].head != NIL,
            _ => {
                let label = (action - 2) / 2;
                if !has_buffer {
                    return false;
                }
                if action.is_multiple_of(2) {
                    // left arc: the top of the stack takes the next word as head
                    top != 0 && self.nodes[top].head == NIL && label != root_label
                } else if top == 0 {
                    label == root_label && self.nodes[0].right_count == 0
                } else {
                    label != root_label
                }
            }
        }
    }

    /// Call `each` with every legal action scoring above `floor`, in order (the same set as
    /// [`State::legal`], with the checks shared by all labels done once). The score test
    /// comes first: most actions of a beam step cannot enter the beam.
    fn for_each_legal_above(
        &self,
        root_label: usize,
        scores: &[f32],
        floor: f32,
        mut each: impl FnMut(usize),
    ) {
        let has_buffer = self.buffer <= self.words;
        let top = self.top();
        if has_buffer && scores[SHIFT] > floor {
            each(SHIFT);
        }
        if top != 0 && self.nodes[top].head != NIL && scores[REDUCE] > floor {
            each(REDUCE);
        }
        if !has_buffer {
            return;
        }
        if top == 0 {
            let action = 3 + 2 * root_label;
            if self.nodes[0].right_count == 0 && scores[action] > floor {
                each(action);
            }
            return;
        }
        let can_left = self.nodes[top].head == NIL;
        let root_left = 2 + 2 * root_label;
        // Blocks of labels with no score above the floor (most of them, once the beam is
        // full) are passed over by one vectorised test each.
        const BLOCK: usize = 16;
        for (block_index, block) in scores[2..].chunks(BLOCK).enumerate() {
            if !block
                .iter()
                .fold(false, |any, &score| any | (score > floor))
            {
                continue;
            }
            for (offset, pair) in block.chunks_exact(2).enumerate() {
                if pair[0] <= floor && pair[1] <= floor {
                    continue;
                }
                let action = 2 + block_index * BLOCK + 2 * offset;
                if action == root_left {
                    continue;
                }
                if can_left && pair[0] > floor {
                    each(action);
                }
                if pair[1] > floor {
                    each(action + 1);
                }
            }
        }
    }

    fn apply(&mut self, action: usize) {
        let top = self.top();
        match action {
            SHIFT => {
                self.stack.push(self.buffer);
                self.nodes[self.buffer].in_stack = true;
                self.buffer += 1;
            }
            REDUCE => {
                self.stack.pop();
                self.nodes[top].in_stack = false;
            }
            _ => {
                let label = (action - 2) / 2;
                if action.is_multiple_of(2) {
                    self.add_arc(self.buffer, top, label);
                    self.stack.pop();
                    self.nodes[top].in_stack = false;
                } else {
                    self.add_arc(top, self.buffer, label);
                    self.stack.push(self.buffer);
                    self.nodes[self.buffer].in_stack = true;
                    self.buffer += 1;
                }
            }
        }
    }

    /// How many gold arcs `action` makes unreachable (Goldberg & Nivre 2012).
    fn cost(&self, action: usize, gold_heads: &[usize], gold_labels: &[usize]) -> usize {
        let top = self.top();
        let next = self.buffer;
        let open_dependents_in_stack = |head: usize| {
            self.stack
                .iter()
                .filter(|&&k| k != 0 && self.nodes[k].head == NIL && gold_heads[k] == head)
                .count()
        };
        let dependents_in_buffer = |head: usize| {
            (self.buffer..=self.words)
                .filter(|&k| gold_heads[k] == head)
                .count()
        };
        match action {
            SHIFT => {
                usize::from(self.nodes[gold_heads[next]].in_stack) + open_dependents_in_stack(next)
            }
            REDUCE => dependents_in_buffer(top),
            _ => {
                let label = (action - 2) / 2;
                if action.is_multiple_of(2) {
                    let head = gold_heads[top];
                    let lost_head = usize::from(head != next && head >= self.buffer);
                    let wrong_label = usize::from(head == next && gold_labels[top] != label);
                    lost_head + dependents_in_buffer(top) + wrong_label
                } else {
                    let head = gold_heads[next];
                    let reachable = self.nodes[head].in_stack || head >= self.buffer;
                    let lost_head = usize::from(head != top && reachable);
                    let wrong_label = usize::from(head == top && gold_labels[next] != label);
                    lost_head + open_dependents_in_stack(next) + wrong_label
                }
            }
        }
    }
}

fn distance(a: usize, b: usize) -> u64 {
    match a.abs_diff(b) {
        0..=4 => a.abs_diff(b) as u64,
        5..=7 => 5,
        8..=12 => 6,
        _ => 7,
    }
}

/// Feature values of the word at `position` (or NONE).
#[derive(Clone, Copy)]
struct Slot {
    word: u64,
    tag: u64,
    label: u64,
}

/// Feature groups, by the part of a configuration they read: the next words only; the
/// stack's top word and the next word (and their distance); the top word with its head (and
/// its head's head), with its left dependents, with its right dependents; the next word with
/// its left dependents; tag triples across these; the second word on the stack. A decoder adds a group's weights once
/// per distinct value of what it reads and reuses the sum across the configurations of a
/// beam, which share most of these parts.
const BUFFER: u8 = 1;
const PAIR: u8 = 2;
const TOP_HEAD: u8 = 4;
const TOP_LEFT: u8 = 8;
const TOP_RIGHT: u8 = 16;
const NEXT: u8 = 32;
const CROSS: u8 = 64;
const SECOND: u8 = 128;
const ALL: u8 = BUFFER | PAIR | TOP_HEAD | TOP_LEFT | TOP_RIGHT | NEXT | CROSS | SECOND;
const GROUPS: [u8; 8] = [
    BUFFER, PAIR, TOP_HEAD, TOP_LEFT, TOP_RIGHT, NEXT, CROSS, SECOND,
];

/// Every feature of `state`, in template order.
fn features(state: &State, inputs: &[Input], out: &mut Vec<u64>) {
    out.clear();
    features_of(state, inputs, ALL, &mut |_, feature| out.push(feature));
}

/// The features of the groups in `want`, in template order, each with its group.
/// What the features read of a configuration: the words around the stack's top and the next
/// word, with their tags and labels, and counts of dependents.
#[derive(Clone, Copy)]
struct View {
    s0: Slot,
    s1: Slot,
    n0: Slot,
    n1: Slot,
    n2: Slot,
    s0h: Slot,
    s0h2: Slot,
    s0l: Slot,
    s0l2: Slot,
    s0r: Slot,
    s0r2: Slot,
    n0l: Slot,
    n0l2: Slot,
    d: u64,
    s0_left: u64,
    s0_right: u64,
    n0_left: u64,
    s0_left_labels: u64,
    s0_right_labels: u64,
    n0_left_labels: u64,
}

impl View {
    /// A key for the values a group of features reads (one of the groups [`Memo`] keys by
    /// value): equal keys, equal features.
    fn key(&self, group: u8) -> u64 {
        // A cheap multiplicative step per value (an FxHash step) and one strong mix at the end.
        let step =
            |key: u64, value: u64| (key.rotate_left(5) ^ value).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let slots = |key: u64, slots: &[Slot]| {
            slots.iter().fold(key, |key, slot| {
                step(step(step(key, slot.word), slot.tag), slot.label)
            })
        };
        // The top's own label matters only to the head group (and the next word has none).
        let top = step(step(u64::from(group), self.s0.word), self.s0.tag);
        let key = match group {
            TOP_HEAD => step(
                step(step(slots(top, &[self.s0h]), self.s0h2.word), self.s0h2.tag),
                self.s0.label,
            ),
            TOP_LEFT => step(
                step(slots(top, &[self.s0l, self.s0l2]), self.s0_left),
                self.s0_left_labels,
            ),
            TOP_RIGHT => step(
                step(slots(top, &[self.s0r, self.s0r2]), self.s0_right),
                self.s0_right_labels,
            ),
            CROSS => [
                self.s0.tag,
                self.s0h.tag,
                self.s0l.tag,
                self.s0r.tag,
                self.n0.tag,
                self.n0l.tag,
            ]
            .iter()
            .fold(u64::from(group), |key, tag| step(key, *tag)),
            SECOND => step(
                step(slots(u64::from(group), &[self.s1]), self.s0.tag),
                self.n0.tag,
            ),
            _ => step(
                step(
                    slots(
                        step(step(u64::from(group), self.n0.word), self.n0.tag),
                        &[self.n0l, self.n0l2],
                    ),
                    self.n0_left,
                ),
                self.n0_left_labels,
            ),
        };
        // one strong mix at the end, since the table indexes by the low bits
        mix(key, 0)
    }
}

fn features_of(state: &State, inputs: &[Input], want: u8, sink: &mut impl FnMut(u8, u64)) {
    emit(&view(state, inputs), want, sink);
}

fn view(state: &State, inputs: &[Input]) -> View {
    let slot = |position: usize| -> Slot {
        if position == UNSET {
            Slot {
                word: NONE,
                tag: NONE,
                label: NONE,
            }
        } else if position == 0 {
            Slot {
                word: ROOT_WORD,
                tag: ROOT_WORD,
                label: NONE,
            }
        } else {
            let input = inputs[position - 1];
            let label = state.nodes[position].label;
            Slot {
                word: input.word,
                tag: input.tag,
                label: if label == NIL { NONE } else { u64::from(label) },
            }
        }
    };
    let words = state.words;
    let top = state.top();
    let second = if state.stack.len() >= 2 {
        state.stack[state.stack.len() - 2]
    } else {
        UNSET
    };
    let buffer_at = |offset: usize| {
        if state.buffer + offset <= words {
            state.buffer + offset
        } else {
            UNSET
        }
    };
    let (n0_position, n1_position, n2_position) = (buffer_at(0), buffer_at(1), buffer_at(2));
    let head_of = |position: usize| {
        if position == UNSET || position == 0 {
            UNSET
        } else {
            wide(state.nodes[position].head)
        }
    };
    let node = |position: usize| {
        if position == UNSET {
            EMPTY_NODE
        } else {
            state.nodes[position]
        }
    };
    View {
        s0: slot(top),
        s1: slot(second),
        n0: slot(n0_position),
        n1: slot(n1_position),
        n2: slot(n2_position),
        s0h: slot(head_of(top)),
        s0h2: slot(head_of(head_of(top))),
        s0l: slot(wide(node(top).leftmost)),
        s0l2: slot(wide(node(top).left_second)),
        s0r: slot(wide(node(top).rightmost)),
        s0r2: slot(wide(node(top).right_second)),
        n0l: slot(wide(node(n0_position).leftmost)),
        n0l2: slot(wide(node(n0_position).left_second)),
        d: if n0_position == UNSET || top == 0 {
            0
        } else {
            distance(top, n0_position)
        },
        s0_left: u64::from(node(top).left_count),
        s0_right: u64::from(node(top).right_count),
        n0_left: u64::from(node(n0_position).left_count),
        s0_left_labels: node(top).left_labels,
        s0_right_labels: node(top).right_labels,
        n0_left_labels: node(n0_position).left_labels,
    }
}

/// The features of the groups in `want` from `view`, in template order, each with its group.
fn emit(view: &View, want: u8, sink: &mut impl FnMut(u8, u64)) {
    let View {
        s0,
        s1,
        n0,
        n1,
        n2,
        s0h,
        s0h2,
        s0l,
        s0l2,
        s0r,
        s0r2,
        n0l,
        n0l2,
        d,
        s0_left,
        s0_right,
        n0_left,
        s0_left_labels,
        s0_right_labels,
        n0_left_labels,
    } = *view;
    let mut t = 0u64;
    let mut push = |group: u8, a: u64, b: u64, c: u64| {
        t += 1;
        if want & group != 0 {
            sink(group, feature(t, a, b, c));
        }
    };
    // single words
    push(PAIR, s0.word, s0.tag, 0);
    push(PAIR, s0.word, 0, 0);
    push(PAIR, s0.tag, 0, 0);
    push(BUFFER, n0.word, n0.tag, 0);
    push(BUFFER, n0.word, 0, 0);
    push(BUFFER, n0.tag, 0, 0);
    push(BUFFER, n1.word, n1.tag, 0);
    push(BUFFER, n1.word, 0, 0);
    push(BUFFER, n1.tag, 0, 0);
    push(BUFFER, n2.word, n2.tag, 0);
    push(BUFFER, n2.word, 0, 0);
    push(BUFFER, n2.tag, 0, 0);
    // word pairs
    push(PAIR, s0.word ^ s0.tag.rotate_left(17), n0.word, n0.tag);
    push(PAIR, s0.word, s0.tag, n0.word);
    push(PAIR, s0.word, n0.word, n0.tag);
    push(PAIR, s0.word, s0.tag, n0.tag);
    push(PAIR, s0.tag, n0.word, n0.tag);
    push(PAIR, s0.word, n0.word, 0);
    push(PAIR, s0.tag, n0.tag, 0);
    push(BUFFER, n0.tag, n1.tag, 0);
    // three words
    push(BUFFER, n0.tag, n1.tag, n2.tag);
    push(PAIR, s0.tag, n0.tag, n1.tag);
    push(CROSS, s0h.tag, s0.tag, n0.tag);
    push(CROSS, s0.tag, s0l.tag, n0.tag);
    push(CROSS, s0.tag, s0r.tag, n0.tag);
    push(CROSS, s0.tag, n0.tag, n0l.tag);
    // distance
    push(PAIR, s0.word, d, 0);
    push(PAIR, s0.tag, d, 0);
    push(PAIR, n0.word, d, 0);
    push(PAIR, n0.tag, d, 0);
    push(PAIR, s0.word, n0.word, d);
    push(PAIR, s0.tag, n0.tag, d);
    // valency
    push(TOP_RIGHT, s0.word, s0_right, 0);
    push(TOP_RIGHT, s0.tag, s0_right, 0);
    push(TOP_LEFT, s0.word, s0_left, 0);
    push(TOP_LEFT, s0.tag, s0_left, 0);
    push(NEXT, n0.word, n0_left, 0);
    push(NEXT, n0.tag, n0_left, 0);
    // second-order unigrams
    push(TOP_HEAD, s0h.word, 0, 0);
    push(TOP_HEAD, s0h.tag, 0, 0);
    push(TOP_HEAD, s0.label, 0, 0);
    push(TOP_LEFT, s0l.word, 0, 0);
    push(TOP_LEFT, s0l.tag, 0, 0);
    push(TOP_LEFT, s0l.label, 0, 0);
    push(TOP_RIGHT, s0r.word, 0, 0);
    push(TOP_RIGHT, s0r.tag, 0, 0);
    push(TOP_RIGHT, s0r.label, 0, 0);
    push(NEXT, n0l.word, 0, 0);
    push(NEXT, n0l.tag, 0, 0);
    push(NEXT, n0l.label, 0, 0);
    // third order
    push(TOP_HEAD, s0h2.word, 0, 0);
    push(TOP_HEAD, s0h2.tag, 0, 0);
    push(TOP_HEAD, s0h.label, 0, 0);
    push(TOP_LEFT, s0l2.word, 0, 0);
    push(TOP_LEFT, s0l2.tag, 0, 0);
    push(TOP_LEFT, s0l2.label, 0, 0);
    push(TOP_RIGHT, s0r2.word, 0, 0);
    push(TOP_RIGHT, s0r2.tag, 0, 0);
    push(TOP_RIGHT, s0r2.label, 0, 0);
    push(NEXT, n0l2.word, 0, 0);
    push(NEXT, n0l2.tag, 0, 0);
    push(NEXT, n0l2.label, 0, 0);
    push(TOP_LEFT, s0.tag, s0l.tag, s0l2.tag);
    push(TOP_RIGHT, s0.tag, s0r.tag, s0r2.tag);
    push(TOP_HEAD, s0.tag, s0h.tag, s0h2.tag);
    push(NEXT, n0.tag, n0l.tag, n0l2.tag);
    // label sets
    push(TOP_RIGHT, s0.word, s0_right_labels, 0);
    push(TOP_RIGHT, s0.tag, s0_right_labels, 0);
    push(TOP_LEFT, s0.word, s0_left_labels, 0);
    push(TOP_LEFT, s0.tag, s0_left_labels, 0);
    push(NEXT, n0.word, n0_left_labels, 0);
    push(NEXT, n0.tag, n0_left_labels, 0);
    // the second word on the stack
    push(SECOND, s1.tag, 0, 0);
    push(SECOND, s1.word, 0, 0);
    push(SECOND, s1.tag, s0.tag, n0.tag);
    push(SECOND, s1.tag, s1.label, s0.tag);
}

/// Partial scores of the feature groups that do not read the whole configuration:
/// [`BUFFER`] by the next word's position, [`PAIR`] by the top's and the next word's (both
/// kept for one sentence), the others by the values their features read (a hash of them, as
/// the weights table itself is keyed by hashes). The configurations of a beam share these
/// parts most of the time, so their weights are looked up and added once instead of once per
/// configuration. A group's partial scores depend only on the values its key hashes (the same
/// features, added in the same order from zero: the same floats), so those of the keyed
/// groups are kept from sentence to sentence too (for one weights table, up to
/// [`MEMO_KEPT`] floats): a function word's "no dependents yet" or a common tag context is
/// summed once for many sentences.
#[derive(Default)]
struct Memo {
    classes: usize,
    span: usize,
    /// The [`Weights::id`] of the table the kept partial scores were summed from.
    owner: u64,
    /// Where each position's (or pair's) partial scores start in `arena` (`u32::MAX`: not yet).
    buffer_at: Vec<u32>,
    pair_at: Vec<u32>,
    /// Where the partial scores of the groups keyed by their features' values start in `kept`.
    keyed_at: KeyMap<u32>,
    arena: Vec<f32>,
    kept: Vec<f32>,
    /// Features queued for partial scores still to be added, and where each one's row goes
    /// (in `arena`; the `kept_` ones in `kept`).
    features: Vec<u64>,
    targets: Vec<u32>,
    kept_features: Vec<u64>,
    kept_targets: Vec<u32>,
    /// Each beam item's partial scores, by group (`u32::MAX`: a finished item).
    offsets: Vec<[u32; GROUPS.len()]>,
    /// [`PAIR`] rows allocated in this batch, each with its [`BUFFER`] row: once the weights
    /// are added, the pair row takes the buffer row's scores too. A configuration's scores
    /// start with the buffer row plus the pair row, and the pair (top, next word) decides the
    /// buffer row, so that first sum is done once per pair instead of once per
    /// configuration, with the same result.
    new_pairs: Vec<(u32, u32)>,
}

/// Partial scores a thread's memo keeps allocated between sentences (floats: 4 MiB), and the
/// most keyed partial scores it keeps for later sentences (past it they are dropped at the
/// next sentence's start, and gathered anew).
const MEMO_KEPT: usize = 1 << 20;

thread_local! {
    static MEMO: std::cell::RefCell<Memo> = std::cell::RefCell::new(Memo::default());
}

impl Memo {
    /// Empty the memo's positional part for a sentence of `words` words scored by the table
    /// `owner` with `classes` classes, keeping its buffers, and the keyed partial scores when
    /// they are of the same table and not too many.
    fn reset(&mut self, words: usize, classes: usize, owner: u64) {
        if self.owner != owner || self.classes != classes || self.kept.len() > MEMO_KEPT {
            self.keyed_at.clear();
            self.kept.clear();
            // A very long sentence should not hold its memory for the life of the thread.
            if self.kept.capacity() > 2 * MEMO_KEPT {
                self.kept = Vec::new();
                self.keyed_at = KeyMap::default();
            }
            self.owner = owner;
        }
        self.classes = classes;
        self.span = words + 2;
        self.buffer_at.clear();
        self.buffer_at.resize(self.span, u32::MAX);
        self.pair_at.clear();
        self.pair_at.resize(self.span * self.span, u32::MAX);
        if self.arena.capacity() > MEMO_KEPT {
            self.arena = Vec::new();
        }
        self.arena.clear();
    }

    /// The offsets of the partial scores of every group for `state` (seen as `view`), in
    /// [`GROUPS`] order. Those not known yet are allocated (zero) and their features queued in
    /// one pass over the templates, to be added by the caller.
    fn partials(&mut self, state: &State, view: &View) -> [u32; GROUPS.len()] {
        let mut offsets = [u32::MAX; GROUPS.len()];
        let mut keys = [0u64; GROUPS.len()];
        let mut missing = 0u8;
        for (index, group) in GROUPS.into_iter().enumerate() {
            let known = match group {
                BUFFER => self.buffer_at[state.buffer],
                PAIR => self.pair_at[state.top() * self.span + state.buffer],
                _ => {
                    keys[index] = view.key(group);
                    self.keyed_at.get(&keys[index]).copied().unwrap_or(u32::MAX)
                }
            };
            if known == u32::MAX {
                let rows = if group & (BUFFER | PAIR) != 0 {
                    &mut self.arena
                } else {
                    &mut self.kept
                };
                let at = rows.len() as u32;
                rows.resize(rows.len() + self.classes, 0.0);
                match group {
                    BUFFER => self.buffer_at[state.buffer] = at,
                    PAIR => {
                        self.pair_at[state.top() * self.span + state.buffer] = at;
                        // BUFFER comes first in GROUPS: its row is known by now.
                        self.new_pairs.push((at, offsets[0]));
                    }
                    _ => {
                        self.keyed_at.insert(keys[index], at);
                    }
                }
                missing |= group;
                offsets[index] = at;
            } else {
                offsets[index] = known;
            }
        }
        if missing != 0 {
            let (features, targets) = (&mut self.features, &mut self.targets);
            let (kept_features, kept_targets) = (&mut self.kept_features, &mut self.kept_targets);
            // Group bits are GROUPS' indices: a group's row is at offsets[bit].
            emit(view, missing, &mut |group, feature| {
                let target = offsets[group.trailing_zeros() as usize];
                if group & (BUFFER | PAIR) != 0 {
                    features.push(feature);
                    targets.push(target);
                } else {
                    kept_features.push(feature);
                    kept_targets.push(target);
                }
            });
        }
        offsets
    }

    /// The scores of every transition from each unfinished configuration of `beam` (item
    /// `i`'s at `i * classes` in `scores`): the sum of its groups' partial scores, the missing
    /// ones of the whole beam computed in one batch of lookups, so that their cache misses
    /// overlap.
    fn score_beam(
        &mut self,
        beam: &[Item],
        inputs: &[Input],
        weights: &Weights,
        cache: &mut LookupCache,
        scores: &mut [f32],
    ) {
        self.features.clear();
        self.targets.clear();
        self.kept_features.clear();
        self.kept_targets.clear();
        self.new_pairs.clear();
        let mut offsets = std::mem::take(&mut self.offsets);
        offsets.clear();
        for item in beam {
            if item.state.terminal() {
                offsets.push([u32::MAX; GROUPS.len()]);
            } else {
                let view = view(&item.state, inputs);
                offsets.push(self.partials(&item.state, &view));
            }
        }
        if !self.features.is_empty() {
            weights.add_scores_to(&self.features, &self.targets, &mut self.arena, cache);
        }
        if !self.kept_features.is_empty() {
            weights.add_scores_to(
                &self.kept_features,
                &self.kept_targets,
                &mut self.kept,
                cache,
            );
        }
        let classes = self.classes;
        for &(pair, buffer) in &self.new_pairs {
            let (pair, buffer) = (pair as usize, buffer as usize);
            // Allocated after the buffer row, so past it.
            let (before, from_pair) = self.arena.split_at_mut(pair);
            for (score, weight) in from_pair[..classes]
                .iter_mut()
                .zip(&before[buffer..buffer + classes])
            {
                *score += *weight;
            }
        }
        for (index, at) in offsets.iter().enumerate() {
            if at[0] == u32::MAX {
                continue;
            }
            // Configurations that read the same values score the same: copy the scores of an
            // earlier one of the beam instead of adding the rows again.
            if let Some(same) = offsets[..index].iter().position(|other| other == at) {
                let (done, rest) = scores.split_at_mut(index * classes);
                rest[..classes].copy_from_slice(&done[same * classes..(same + 1) * classes]);
                continue;
            }
            let scores = &mut scores[index * classes..(index + 1) * classes];
            // The pair row holds the buffer row's scores too (see `new_pairs`). The other
            // rows are added in one pass, each score summed in the same order as adding the
            // rows one after the other would (so the same floats), but read and written once.
            let row = |group: usize| {
                let start = at[group] as usize;
                if group <= 1 {
                    &self.arena[start..start + classes]
                } else {
                    &self.kept[start..start + classes]
                }
            };
            let (pair, head, left, right) = (row(1), row(2), row(3), row(4));
            let (next, cross, second) = (row(5), row(6), row(7));
            for (class, score) in scores.iter_mut().enumerate() {
                *score = pair[class]
                    + head[class]
                    + left[class]
                    + right[class]
                    + next[class]
                    + cross[class]
                    + second[class];
            }
        }
        self.offsets = offsets;
    }
}

impl Parser {
    fn classes(&self) -> usize {
        2 + 2 * self.labels.len()
    }

    fn best_legal(&self, state: &State, scores: &[f32]) -> usize {
        let mut best = UNSET;
        for action in 0..scores.len() {
            if state.legal(action, self.root_label)
                && (best == UNSET || scores[action] > scores[best])
            {
                best = action;
            }
        }
        best
    }

    /// Parse one sentence.
    pub fn parse(&self, inputs: &[Input]) -> Tree {
        if inputs.len() > MAX_WORDS || self.labels.is_empty() {
            return self.flat(inputs.len());
        }
        if self.beam > 1 {
            let weights = &self.weights;
            let best = MEMO.with(|memo| {
                let mut memo = memo.borrow_mut();
                memo.reset(inputs.len(), self.classes(), weights.id());
                weights.with_cache(|cache| {
                    self.beam_search(inputs, self.beam, &mut |beam, scores| {
                        memo.score_beam(beam, inputs, weights, cache, scores);
                    })
                })
            });
            return self.finish(&best.state);
        }
        let mut state = State::new(inputs.len());
        let mut features_buffer = Vec::with_capacity(96);
        let mut scores = vec![0.0f32; self.classes()];
        while !state.terminal() {
            features(&state, inputs, &mut features_buffer);
            scores.iter_mut().for_each(|score| *score = 0.0);
            self.weights.add_scores(&features_buffer, &mut scores);
            let action = self.best_legal(&state, &scores);
            if action == UNSET {
                break;
            }
            state.apply(action);
        }
        self.finish(&state)
    }

    /// Every word hangs from the first: the stand-in past [`MAX_WORDS`].
    pub(crate) fn flat(&self, words: usize) -> Tree {
        let dep = self
            .labels
            .iter()
            .position(|label| label == "dep")
            .unwrap_or(0);
        Tree {
            heads: (0..words).map(|index| (index > 0).then_some(0)).collect(),
            labels: (0..words)
                .map(|index| if index == 0 { self.root_label } else { dep })
                .collect(),
        }
    }

    /// Attach words left without a head: the first becomes the root if there is none, the
    /// others hang from the root word.
    fn finish(&self, state: &State) -> Tree {
        let words = state.words;
        let mut heads: Vec<Option<usize>> = Vec::with_capacity(words);
        let mut labels = Vec::with_capacity(words);
        let mut root = wide(state.nodes[0].rightmost);
        let fallback = self
            .labels
            .iter()
            .position(|label| label == "parataxis")
            .unwrap_or(0);
        for position in 1..=words {
            let head = wide(state.nodes[position].head);
            if head == UNSET {
                if root == UNSET {
                    root = position;
                    heads.push(None);
                    labels.push(self.root_label);
                } else {
                    heads.push(Some(root - 1));
                    labels.push(fallback);
                }
            } else if head == 0 {
                heads.push(None);
                labels.push(self.root_label);
            } else {
                heads.push(Some(head - 1));
                labels.push(usize::from(state.nodes[position].label));
            }
        }
        Tree { heads, labels }
    }

    /// Beam search: keep the `width` best-scoring configurations after each step; finished
    /// ones are carried along until every configuration is finished.
    fn beam_search(&self, inputs: &[Input], width: usize, score: &mut BeamScorer<'_>) -> Item {
        let mut beam = vec![Item {
            state: State::new(inputs.len()),
            score: 0.0,
            actions: Vec::new(),
        }];
        let mut scratch = Scratch {
            margin: self.margin,
            ..Scratch::default()
        };
        while beam_step(
            &mut beam,
            width,
            self.root_label,
            self.classes(),
            score,
            &mut scratch,
        ) {}
        beam.into_iter().next().expect("the beam is never empty")
    }

    /// Decode with another beam width from now on.
    pub fn set_beam(&mut self, width: usize) {
        self.beam = width.max(1);
    }

    /// Decode with another score margin from now on (`None`: keep the `width` best
    /// whatever their scores, as in training).
    pub fn set_margin(&mut self, margin: Option<f32>) {
        self.margin = margin;
    }

    pub fn weights_stats(&self) -> (usize, usize, usize) {
        self.weights.stats()
    }

    pub fn write(&self, out: &mut Writer) {
        out.usize(self.beam);
        out.strs(&self.labels);
        out.usize(self.root_label);
        self.weights.write(out);
    }

    pub fn read(input: &mut Reader<'_>) -> Result<Self, Error> {
        let beam = input.usize()?.clamp(1, 64);
        let labels = input.strs()?;
        let root_label = input.usize()?;
        let weights = Weights::read(input)?;
        if root_label >= labels.len() || weights.classes() != 2 + 2 * labels.len() {
            return Err(input.error("parser weights do not match its labels"));
        }
        Ok(Parser {
            labels,
            root_label,
            weights,
            beam,
            margin: Some(DECODE_MARGIN),
        })
    }
}

/// A training sentence: parser inputs and the gold tree (heads 1-based, 0 = root).
pub struct Example {
    pub inputs: Vec<Input>,
    pub heads: Vec<usize>,
    pub labels: Vec<String>,
}

/// Training settings.
pub struct Settings {
    pub epochs: usize,
    /// From this epoch on (0-based), follow the model's own choice with this probability.
    pub explore_from: usize,
    pub explore_probability: f64,
    /// Final weights smaller than this are dropped (a smaller file, the same parses).
    pub prune: f32,
    /// Features seen fewer times than this in the gold transitions of the training set get
    /// no weight: a smaller table that stays in cache, for little accuracy.
    pub min_feature_count: u32,
    /// Beam width: 1 trains a greedy parser with the dynamic oracle; more trains a beam
    /// parser with global max-violation updates on the static oracle's transitions.
    pub beam: usize,
}

/// Train a parser. `random` gives numbers in [0, 1) for exploration; `shuffle` orders each
/// epoch; `report` sees the parser after each epoch.
pub fn train(
    examples: &[Example],
    settings: &Settings,
    random: &mut dyn FnMut() -> f64,
    shuffle: &mut dyn FnMut(&mut [usize]),
    report: &mut dyn FnMut(usize, &Parser),
) -> Parser {
    let mut labels: Vec<String> = examples
        .iter()
        .flat_map(|example| example.labels.iter().cloned())
        .collect();
    labels.sort();
    labels.dedup();
    let root_label = labels
        .iter()
        .position(|label| label == "root")
        .unwrap_or_else(|| {
            labels.push("root".to_string());
            labels.len() - 1
        });
    let mut parser = Parser {
        labels,
        root_label,
        weights: Weights::default(),
        beam: settings.beam.max(1),
        margin: None,
    };
    let label_ids: Vec<Vec<usize>> = examples
        .iter()
        .map(|example| {
            example
                .labels
                .iter()
                .map(|label| parser.labels.binary_search(label).unwrap_or(root_label))
                .collect()
        })
        .collect();
    let mut trainer = Trainer::new(parser.classes());
    if settings.min_feature_count > 1 {
        trainer.restrict(frequent_features(
            examples,
            &label_ids,
            &parser,
            settings.min_feature_count,
        ));
    }
    let mut order: Vec<usize> = (0..examples.len())
        .filter(|&i| examples[i].inputs.len() <= MAX_WORDS)
        .collect();
    let mut features_buffer = Vec::new();
    let mut scores = Vec::new();
    let mut costs = vec![0usize; parser.classes()];
    for epoch in 0..settings.epochs {
        shuffle(&mut order);
        for &index in &order {
            let example = &examples[index];
            // 1-based gold arrays with the root at 0.
            let mut gold_heads = vec![0usize; example.inputs.len() + 1];
            let mut gold_labels = vec![root_label; example.inputs.len() + 1];
            for (position, head) in example.heads.iter().enumerate() {
                gold_heads[position + 1] = *head;
                gold_labels[position + 1] = label_ids[index][position];
            }
            if parser.beam > 1 {
                train_beam(
                    &parser,
                    &mut trainer,
                    &example.inputs,
                    &gold_heads,
                    &gold_labels,
                );
                continue;
            }
            let mut state = State::new(example.inputs.len());
            while !state.terminal() {
                features(&state, &example.inputs, &mut features_buffer);
                trainer.scores(&features_buffer, &mut scores);
                let mut minimum = UNSET;
                for (action, cost) in costs.iter_mut().enumerate() {
                    *cost = if state.legal(action, root_label) {
                        state.cost(action, &gold_heads, &gold_labels)
                    } else {
                        UNSET
                    };
                    minimum = minimum.min(*cost);
                }
                if minimum == UNSET {
                    break;
                }
                let guess = parser.best_legal(&state, &scores);
                let mut best_gold = UNSET;
                for action in 0..costs.len() {
                    if costs[action] == minimum
                        && (best_gold == UNSET || scores[action] > scores[best_gold])
                    {
                        best_gold = action;
                    }
                }
                if costs[guess] > minimum {
                    trainer.update(&features_buffer, best_gold, guess);
                }
                trainer.tick();
                let explore =
                    epoch >= settings.explore_from && random() < settings.explore_probability;
                state.apply(if explore { guess } else { best_gold });
            }
        }
        parser.weights = trainer.finish(0.0);
        report(epoch + 1, &parser);
    }
    parser.weights = trainer.finish(settings.prune);
    parser
}

/// The static oracle's transitions for a gold tree: a zero-cost arc when there is one, else
/// reduce, else shift. `None` when the tree is not projective (no zero-cost path).
fn oracle(
    words: usize,
    gold_heads: &[usize],
    gold_labels: &[usize],
    root_label: usize,
    classes: usize,
) -> Option<Vec<usize>> {
    let mut state = State::new(words);
    let mut actions = Vec::with_capacity(2 * words);
    while !state.terminal() {
        let zero = |action: usize| {
            state.legal(action, root_label) && state.cost(action, gold_heads, gold_labels) == 0
        };
        let arc = (2..classes).find(|&action| zero(action));
        let action = arc.or_else(|| [REDUCE, SHIFT].into_iter().find(|&action| zero(action)))?;
        state.apply(action);
        actions.push(action);
    }
    // Words left without a head mean the oracle could not build the gold tree.
    (1..=words)
        .all(|position| wide(state.nodes[position].head) == gold_heads[position])
        .then_some(actions)
}

/// One global update on a sentence: decode with the beam, find the step where the best
/// configuration beats the gold one by most (max violation), and move the weights from the
/// predicted transitions to the gold ones up to that step.
fn train_beam(
    parser: &Parser,
    trainer: &mut Trainer,
    inputs: &[Input],
    gold_heads: &[usize],
    gold_labels: &[usize],
) {
    let Some(gold) = oracle(
        inputs.len(),
        gold_heads,
        gold_labels,
        parser.root_label,
        parser.classes(),
    ) else {
        trainer.tick();
        return;
    };
    // Gold prefix scores, step by step.
    let mut scores = Vec::new();
    let mut features_buffer = Vec::new();
    let mut gold_scores = Vec::with_capacity(gold.len() + 1);
    let mut state = State::new(inputs.len());
    gold_scores.push(0.0f32);
    for &action in &gold {
        features(&state, inputs, &mut features_buffer);
        trainer.scores(&features_buffer, &mut scores);
        gold_scores.push(gold_scores.last().copied().unwrap_or(0.0) + scores[action]);
        state.apply(action);
    }
    // Decode, remembering the step where the best item beats the gold prefix by most.
    let mut beam = vec![Item {
        state: State::new(inputs.len()),
        score: 0.0,
        actions: Vec::new(),
    }];
    let mut scratch = Scratch {
        record: true,
        ..Scratch::default()
    };
    let mut worst: Option<(f32, Vec<u16>)> = None;
    let mut step = 0;
    let mut beam_features = Vec::new();
    let classes = parser.classes();
    let mut score = |beam: &[Item], scores: &mut [f32]| {
        for (item, scores) in beam.iter().zip(scores.chunks_exact_mut(classes)) {
            if !item.state.terminal() {
                features(&item.state, inputs, &mut beam_features);
                trainer.scores_into(&beam_features, scores);
            }
        }
    };
    while beam_step(
        &mut beam,
        parser.beam,
        parser.root_label,
        parser.classes(),
        &mut score,
        &mut scratch,
    ) {
        step += 1;
        let gold_step = step.min(gold.len());
        let gold_prefix = &gold[..gold_step];
        let gold_in_beam = beam.iter().any(|item| {
            item.actions.len() == gold_step
                && item
                    .actions
                    .iter()
                    .zip(gold_prefix)
                    .all(|(a, g)| *a as usize == *g)
        });
        if !gold_in_beam {
            let best = &beam[0];
            let violation = best.score - gold_scores[gold_step.min(best.actions.len())];
            if worst.as_ref().is_none_or(|(margin, _)| violation > *margin) {
                worst = Some((violation, best.actions.clone()));
            }
        }
    }
    let predicted = match worst {
        Some((_, actions)) => actions,
        None => {
            let best = &beam[0];
            if best
                .actions
                .iter()
                .map(|a| *a as usize)
                .eq(gold.iter().copied())
            {
                trainer.tick();
                return;
            }
            best.actions.clone()
        }
    };
    let length = predicted.len();
    let gold_prefix = &gold[..length.min(gold.len())];
    for (sequence, delta) in [
        (
            gold_prefix.iter().map(|a| *a as u16).collect::<Vec<_>>(),
            1.0f32,
        ),
        (predicted, -1.0),
    ] {
        let mut state = State::new(inputs.len());
        for action in sequence {
            features(&state, inputs, &mut features_buffer);
            trainer.add(&features_buffer, action as usize, delta);
            state.apply(action as usize);
        }
    }
    trainer.tick();
}

/// Features seen at least `minimum` times along the static oracle's transitions over the
/// training set.
fn frequent_features(
    examples: &[Example],
    label_ids: &[Vec<usize>],
    parser: &Parser,
    minimum: u32,
) -> crate::perceptron::KeyMap<()> {
    let mut counts: crate::perceptron::KeyMap<u32> = Default::default();
    let mut features_buffer = Vec::new();
    for (example, labels) in examples.iter().zip(label_ids) {
        if example.inputs.len() > MAX_WORDS {
            continue;
        }
        let mut gold_heads = vec![0usize; example.inputs.len() + 1];
        let mut gold_labels = vec![parser.root_label; example.inputs.len() + 1];
        for (position, head) in example.heads.iter().enumerate() {
            gold_heads[position + 1] = *head;
            gold_labels[position + 1] = labels[position];
        }
        let Some(actions) = oracle(
            example.inputs.len(),
            &gold_heads,
            &gold_labels,
            parser.root_label,
            parser.classes(),
        ) else {
            continue;
        };
        let mut state = State::new(example.inputs.len());
        for action in actions {
            features(&state, &example.inputs, &mut features_buffer);
            for feature in &features_buffer {
                *counts.entry(*feature).or_default() += 1;
            }
            state.apply(action);
        }
    }
    counts
        .into_iter()
        .filter(|(_, count)| *count >= minimum)
        .map(|(feature, _)| (feature, ()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One step from the start of a three-word sentence with two labels (root first): the
    /// legal moves are a shift and the root's right arc, scored 0 and -50 here.
    fn first_step(margin: Option<f32>) -> Vec<(f32, usize)> {
        let classes = 2 + 2 * 2;
        let mut beam = vec![Item {
            state: State::new(3),
            score: 0.0,
            actions: Vec::new(),
        }];
        let mut scratch = Scratch {
            margin,
            ..Scratch::default()
        };
        let mut score = |_: &[Item], scores: &mut [f32]| {
            scores.fill(-1000.0);
            scores[SHIFT] = 0.0;
            scores[3] = -50.0;
        };
        assert!(beam_step(
            &mut beam,
            8,
            0,
            classes,
            &mut score,
            &mut scratch
        ));
        beam.iter()
            .map(|item| (item.score, item.state.buffer))
            .collect()
    }

    /// A beam step keeps exactly the `width` best legal moves by [`by_score`], whatever
    /// moves the floor turns away early.
    #[test]
    fn a_step_keeps_the_best_legal_moves_in_score_order() {
        let labels = 40;
        let classes = 2 + 2 * labels;
        for seed in 0..200_u64 {
            let mut first = State::new(6);
            first.apply(SHIFT);
            let mut second = first.clone();
            second.apply(SHIFT);
            let beam = vec![
                Item {
                    state: first,
                    score: 1.5,
                    actions: Vec::new(),
                },
                Item {
                    state: second,
                    score: -2.0,
                    actions: Vec::new(),
                },
            ];
            // Scores on a coarse grid, so that ties happen.
            let table: Vec<f32> = (0..2 * classes as u64)
                .map(|at| (mix(seed, at) % 64) as f32 * 0.5 - 16.0)
                .collect();
            let mut expected: Vec<(f32, usize, usize)> = Vec::new();
            for (index, item) in beam.iter().enumerate() {
                for action in 0..classes {
                    if item.state.legal(action, 0) {
                        let total = item.score + table[index * classes + action];
                        expected.push((total, index, action));
                    }
                }
            }
            expected.sort_by(by_score);
            for width in [1, 3, 8, 16] {
                let mut next = beam.clone();
                let mut scratch = Scratch {
                    record: true,
                    ..Scratch::default()
                };
                let mut score = |_: &[Item], scores: &mut [f32]| scores.copy_from_slice(&table);
                assert!(beam_step(
                    &mut next,
                    width,
                    0,
                    classes,
                    &mut score,
                    &mut scratch
                ));
                assert_eq!(
                    scratch.candidates,
                    expected[..width],
                    "seed {seed}, width {width}"
                );
            }
        }
    }

    #[test]
    fn the_margin_drops_configurations_far_below_the_best() {
        // Without a margin (training) or with a wide one, both moves stay in the beam.
        assert_eq!(first_step(None), [(0.0, 2), (-50.0, 2)]);
        assert_eq!(first_step(Some(120.0)), [(0.0, 2), (-50.0, 2)]);
        // A margin under the gap keeps only the best; one equal to it drops the other too.
        assert_eq!(first_step(Some(10.0)), [(0.0, 2)]);
        assert_eq!(first_step(Some(50.0)), [(0.0, 2)]);
        // The best always stays, whatever the margin.
        assert_eq!(first_step(Some(0.0)), [(0.0, 2)]);
    }
}
