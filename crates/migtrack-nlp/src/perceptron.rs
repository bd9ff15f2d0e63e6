//! The averaged perceptron both the tagger and the parser learn with: hashed features,
//! sparse rows of class weights, lazy averaging while training and a compact read-only form
//! for use.
//!
//! A feature is a 64-bit hash of a template number and its values ([`feature`]); a weight row
//! holds only the classes the feature was ever updated for, so a feature costs a few bytes
//! however many classes there are.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::binary::{Reader, Writer};

/// Mix `value` into the hash `hash` (a multiply–xorshift step, deterministic everywhere).
#[inline]
pub fn mix(hash: u64, value: u64) -> u64 {
    let mixed =
        (hash ^ value.wrapping_add(0x9e37_79b9_7f4a_7c15)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    (mixed ^ (mixed >> 31)).wrapping_mul(0x94d0_49bb_1331_11eb)
}

/// A feature from its template number and up to three values.
#[inline]
pub fn feature(template: u64, a: u64, b: u64, c: u64) -> u64 {
    let hash = mix(mix(mix(mix(0x5151, template), a), b), c);
    hash | 1 // 0 marks an empty slot in the lookup table
}

/// FNV-1a hash of a string, the value a word contributes to a feature.
#[inline]
pub fn hash_str(text: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// Keys are feature hashes already: pass them through.
#[derive(Debug, Default, Clone, Copy)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = mix(self.0, u64::from(*byte));
        }
    }
    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

/// A map keyed by feature hashes.
pub type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

/// One class weight while training: current value, running total and when it last changed.
#[derive(Debug, Clone, Copy)]
struct Param {
    class: u16,
    weight: f32,
    total: f64,
    stamp: u32,
}

/// An averaged perceptron being trained.
#[derive(Debug, Default)]
pub struct Trainer {
    classes: usize,
    rows: KeyMap<Vec<Param>>,
    /// When set, only these features get weights (a frequency cut-off).
    allowed: Option<KeyMap<()>>,
    /// Number of examples seen (the averaging clock).
    clock: u32,
}

impl Trainer {
    pub fn new(classes: usize) -> Self {
        Trainer {
            classes,
            rows: KeyMap::default(),
            allowed: None,
            clock: 0,
        }
    }

    /// Scores of every class for `features` with the current (not averaged) weights.
    pub fn scores(&self, features: &[u64], scores: &mut Vec<f32>) {
        scores.clear();
        scores.resize(self.classes, 0.0);
        self.scores_into(features, scores);
    }

    /// The same into a slice of one score per class, overwriting it.
    pub fn scores_into(&self, features: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|score| *score = 0.0);
        for feature in features {
            if let Some(row) = self.rows.get(feature) {
                for param in row {
                    scores[param.class as usize] += param.weight;
                }
            }
        }
    }

    /// Learn weights only for `allowed` features.
    pub fn restrict(&mut self, allowed: KeyMap<()>) {
        self.allowed = Some(allowed);
    }

    /// Advance the averaging clock by one example.
    pub fn tick(&mut self) {
        self.clock += 1;
    }

    /// Add `delta` to the weight of `class` on every feature (a global update's one step).
    pub fn add(&mut self, features: &[u64], class: usize, delta: f32) {
        let clock = self.clock;
        for feature in features {
            if self
                .allowed
                .as_ref()
                .is_some_and(|allowed| !allowed.contains_key(feature))
            {
                continue;
            }
            let row = self.rows.entry(*feature).or_default();
            let param = match row.iter_mut().find(|param| param.class as usize == class) {
                Some(param) => param,
                None => {
                    row.push(Param {
                        class: class as u16,
                        weight: 0.0,
                        total: 0.0,
                        stamp: clock,
                    });
                    row.last_mut().expect("just pushed")
                }
            };
            param.total += f64::from(param.weight) * f64::from(clock - param.stamp);
            param.stamp = clock;
            param.weight += delta;
        }
    }

    /// Reward `truth` and penalise `guess` on `features`.
    pub fn update(&mut self, features: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        self.add(features, truth, 1.0);
        self.add(features, guess, -1.0);
    }

    /// The averaged weights in compact form, dropping weights whose magnitude is below
    /// `threshold` (and rows left empty).
    pub fn finish(&self, threshold: f32) -> Weights {
        let clock = f64::from(self.clock.max(1));
        let mut keys: Vec<u64> = self.rows.keys().copied().collect();
        keys.sort_unstable();
        // Rows under their 32-bit key; the rare keys that collide after folding share a row.
        let mut rows: std::collections::BTreeMap<u32, Vec<(u16, f32)>> = Default::default();
        for key in keys {
            let row = rows.entry(fold(key)).or_default();
            for param in &self.rows[&key] {
                let total =
                    param.total + f64::from(param.weight) * (clock - f64::from(param.stamp));
                let weight = (total / clock) as f32;
                match row.iter_mut().find(|(class, _)| *class == param.class) {
                    Some((_, existing)) => *existing += weight,
                    None => row.push((param.class, weight)),
                }
            }
        }
        let rows = rows
            .into_iter()
            .filter_map(|(key, mut row)| {
                row.retain(|(_, weight)| weight.abs() >= threshold);
                row.sort_unstable_by_key(|(class, _)| *class);
                (!row.is_empty()).then_some((key, row))
            })
            .collect();
        Weights::from_rows(self.classes, rows)
    }
}

/// The 32-bit key a feature is stored under in a finished model.
#[inline]
pub fn fold(feature: u64) -> u32 {
    ((feature ^ (feature >> 32)) as u32) | 1
}

/// A weight as bfloat16: the upper half of its f32 bits, rounded to nearest.
fn to_bf16(weight: f32) -> u16 {
    let bits = weight.to_bits();
    let rounded = bits.wrapping_add(0x7fff + ((bits >> 16) & 1));
    (rounded >> 16) as u16
}

fn from_bf16(half: u16) -> f32 {
    f32::from_bits(u32::from(half) << 16)
}

/// One slot of the lookup table: a feature's key and where its row starts in the arena.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    key: u32,
    at: u32,
}

/// Lines of a [`LookupCache`] (a power of two): 256 KiB, which stays in a core's L2 cache.
const CACHE_LINES: usize = 1 << 15;
/// A cached lookup that found no row.
const ABSENT: u32 = u32::MAX;
/// A lookup not resolved yet (never stored in the cache).
const UNKNOWN: u32 = u32::MAX - 1;

/// A direct-mapped cache of feature lookups into one [`Weights`] table. One per thread lives
/// as long as the thread ([`Weights::with_cache`]), so the frequent features of every
/// sentence (tag n-grams, function words) are found without touching the big table.
#[derive(Debug, Clone)]
pub struct LookupCache {
    /// The [`Weights::id`] the lines point into.
    owner: u64,
    lines: Vec<Slot>,
    /// [`Weights::add_scores_to`]'s working arrays, kept here so that a call does not zero
    /// 4.6 KiB of stack (most calls look up a few dozen features).
    scratch: Box<Scratch>,
}

/// One batch of lookups in progress (see [`Weights::add_scores_to`]). What a call reads of it
/// it has written first, so it carries nothing from call to call.
#[derive(Debug, Clone)]
struct Scratch {
    keys: [u32; CHUNK],
    first: [Slot; CHUNK],
    found: [u32; CHUNK],
    rows: [(usize, usize); CHUNK],
    headers: [u32; CHUNK],
}

/// Features looked up in one batch by [`Weights::add_scores_to`].
const CHUNK: usize = 128;

impl Default for LookupCache {
    fn default() -> Self {
        LookupCache {
            owner: 0,
            lines: vec![Slot::default(); CACHE_LINES],
            scratch: Box::new(Scratch {
                keys: [0; CHUNK],
                first: [Slot::default(); CHUNK],
                found: [ABSENT; CHUNK],
                rows: [(0, 0); CHUNK],
                headers: [0; CHUNK],
            }),
        }
    }
}

/// Ids of weight tables, so a thread's cache knows which table its lines belong to.
static NEXT_WEIGHTS_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// Tables a thread keeps a cache for at once (a tagger and a parser per language).
const THREAD_CACHES: usize = 4;

thread_local! {
    static CACHES: std::cell::RefCell<Vec<LookupCache>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A row header's flag: the row holds one weight per class.
const DENSE: u32 = 1 << 31;

/// A row holding at least this share of all classes is kept dense, so adding it is one
/// vectorised pass instead of a scatter.
fn worth_dense(len: usize, classes: usize) -> bool {
    len >= 8 && len * 4 >= classes
}

/// Where a class's weight sits in a dense row of `classes` weights: the word (counted from
/// the row's first) and whether in its high half. The first half of the classes (rounded up)
/// take the low halves of the words in order, the others the high halves.
#[inline]
fn dense_place(class: usize, classes: usize) -> (usize, bool) {
    let words = classes.div_ceil(2);
    if class < words {
        (class, false)
    } else {
        (class - words, true)
    }
}

/// A sparse entry: class in the high half, the weight as bfloat16 in the low half.
#[inline]
fn entry_class(entry: u32) -> usize {
    (entry >> 16) as usize
}

#[inline]
fn entry_weight(entry: u32) -> f32 {
    from_bf16(entry as u16)
}

/// Averaged weights ready for use: an open-addressing table from feature to its row in one
/// arena of `u32`s. A row is a header (length, dense flag) followed by either packed
/// `(class, bfloat16 weight)` entries or one bfloat16 per class, two to a word. Eight bytes a slot, rows
/// contiguous: what the parser spends its time on is these lookups missing the cache.
#[derive(Debug, Clone, Default)]
pub struct Weights {
    /// Unique per table built or read in this process (0: empty), see [`LookupCache`].
    id: u64,
    classes: usize,
    /// Slot keys (0 = empty); the table's size is a power of two.
    slots: Vec<Slot>,
    /// A key's first slot is its top bits: `key >> shift` (see [`Weights::home`]).
    shift: u32,
    arena: Vec<u32>,
}

impl Weights {
    /// An empty table sized for `rows` rows: at most half full, so a feature the model never
    /// saw (most lookups) ends at an empty slot after about 2.5 probes on average.
    fn with_rows(classes: usize, rows: usize) -> Self {
        let capacity = (rows * 2 + 1).next_power_of_two().clamp(16, 1 << 31);
        Weights {
            id: NEXT_WEIGHTS_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            classes,
            slots: vec![Slot::default(); capacity],
            shift: 32 - capacity.trailing_zeros(),
            arena: Vec::new(),
        }
    }

    /// A key's first slot: its top bits, so that rows added in key order (a model file holds
    /// them sorted) fill the table from start to end instead of at random places, which made
    /// loading the English model mostly cache misses. Keys are folded hashes
    /// ([`fold`] of [`mix`]), as even in their top bits as in their low ones.
    #[inline]
    fn home(&self, key: u32) -> usize {
        (key >> self.shift) as usize
    }

    fn push_row(&mut self, key: u32, row: &[(u16, f32)]) {
        let mask = self.slots.len() - 1;
        let mut slot = self.home(key);
        while self.slots[slot].key != 0 {
            slot = (slot + 1) & mask;
        }
        let at = self.arena.len() as u32;
        if worth_dense(row.len(), self.classes) {
            self.arena.push(DENSE | row.len() as u32);
            let start = self.arena.len();
            self.arena.resize(start + self.classes.div_ceil(2), 0);
            for (class, weight) in row {
                let (word, high) = dense_place(*class as usize, self.classes);
                let half = u32::from(to_bf16(*weight));
                self.arena[start + word] |= if high { half << 16 } else { half };
            }
        } else {
            self.arena.push(row.len() as u32);
            self.arena
                .extend(row.iter().map(|(class, weight)| {
                    (u32::from(*class) << 16) | u32::from(to_bf16(*weight))
                }));
        }
        self.slots[slot] = Slot { key, at };
    }

    fn from_rows(classes: usize, rows: Vec<(u32, Vec<(u16, f32)>)>) -> Self {
        let mut weights = Weights::with_rows(classes, rows.len());
        for (key, row) in rows {
            weights.push_row(key, &row);
        }
        weights
    }

    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Unique per table built or read in this process: what a cache of sums of this table's
    /// rows is keyed by.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// Run `f` with this thread's lookup cache for this table (a thread keeps a few; past
    /// that, the last one is emptied and given to this table).
    pub fn with_cache<R>(&self, f: impl FnOnce(&mut LookupCache) -> R) -> R {
        CACHES.with(|caches| {
            let mut caches = caches.borrow_mut();
            let index = match caches.iter().position(|cache| cache.owner == self.id) {
                Some(index) => index,
                None => {
                    if caches.len() < THREAD_CACHES {
                        caches.push(LookupCache::default());
                    }
                    let cache = caches.last_mut().expect("just ensured");
                    cache
                        .lines
                        .iter_mut()
                        .for_each(|line| *line = Slot::default());
                    cache.owner = self.id;
                    caches.len() - 1
                }
            };
            f(&mut caches[index])
        })
    }

    /// The row of the slot at `at` as (class, weight) pairs with non-zero weights.
    fn row(&self, at: usize) -> Vec<(u16, f32)> {
        let header = self.arena[at];
        if header & DENSE != 0 {
            (0..self.classes)
                .map(|class| {
                    let (word, high) = dense_place(class, self.classes);
                    let pair = self.arena[at + 1 + word];
                    let half = if high { pair >> 16 } else { pair };
                    (class as u16, from_bf16(half as u16))
                })
                .filter(|(_, weight)| *weight != 0.0)
                .collect()
        } else {
            let len = header as usize;
            self.arena[at + 1..at + 1 + len]
                .iter()
                .map(|entry| (entry_class(*entry) as u16, entry_weight(*entry)))
                .collect()
        }
    }

    /// (features, table slots, arena words): the size of the table.
    pub fn stats(&self) -> (usize, usize, usize) {
        let features = self.slots.iter().filter(|slot| slot.key != 0).count();
        (features, self.slots.len(), self.arena.len())
    }

    /// Add the weights of `features` to `scores` (which must hold one entry per class).
    ///
    /// Two passes: first every feature's slot is found (independent loads the processor can
    /// overlap, which is what makes this fast: the table does not fit in cache), then the
    /// rows are added.
    #[inline]
    pub fn add_scores(&self, features: &[u64], scores: &mut [f32]) {
        if self.slots.is_empty() {
            return;
        }
        const CHUNK: usize = 64;
        let mask = self.slots.len() - 1;
        let mut keys = [0u32; CHUNK];
        let mut first = [Slot::default(); CHUNK];
        let mut found = [0usize; CHUNK];
        let mut headers = [0u32; CHUNK];
        for chunk in features.chunks(CHUNK) {
            // Branch-free loads of every feature's first slot, so their cache misses overlap.
            for (index, feature) in chunk.iter().enumerate() {
                keys[index] = fold(*feature);
                first[index] = self.slots[self.home(keys[index])];
            }
            let mut count = 0;
            for (index, &key) in keys[..chunk.len()].iter().enumerate() {
                let mut slot = first[index];
                let mut at = self.home(key);
                while slot.key != key && slot.key != 0 {
                    at = (at + 1) & mask;
                    slot = self.slots[at];
                }
                if slot.key == key {
                    found[count] = slot.at as usize;
                    count += 1;
                }
            }
            // The same for the rows' first words.
            for (header, at) in headers.iter_mut().zip(&found[..count]) {
                *header = self.arena[*at];
            }
            for (&at, &header) in found[..count].iter().zip(&headers[..count]) {
                self.add_row(at, header, scores);
            }
        }
    }

    /// Add the weights of `features` to score vectors in `out`: feature `i`'s row goes to the
    /// `classes()` scores starting at `targets[i]`. Through a small cache of recent lookups
    /// (the configurations of one beam share most of their features, so most lookups repeat
    /// within a sentence and the cache turns them from memory misses into hits). The lookups
    /// that miss the cache are issued together (independent loads), and so are the loads of
    /// the rows' headers, so that their memory latencies overlap instead of adding up: the
    /// more features one call gets, the more of them overlap.
    #[inline]
    pub fn add_scores_to(
        &self,
        features: &[u64],
        targets: &[u32],
        out: &mut [f32],
        cache: &mut LookupCache,
    ) {
        if self.slots.is_empty() {
            return;
        }
        let mask = self.slots.len() - 1;
        let classes = self.classes;
        let Scratch {
            keys,
            first,
            found,
            rows,
            headers,
        } = &mut *cache.scratch;
        for (chunk, chunk_targets) in features.chunks(CHUNK).zip(targets.chunks(CHUNK)) {
            for (index, feature) in chunk.iter().enumerate() {
                let key = fold(*feature);
                keys[index] = key;
                let line = cache.lines[spread(key) & (CACHE_LINES - 1)];
                if line.key == key {
                    found[index] = line.at;
                    first[index].key = 0;
                } else {
                    first[index] = self.slots[self.home(key)];
                    found[index] = UNKNOWN;
                }
            }
            let mut count = 0;
            for (index, &key) in keys[..chunk.len()].iter().enumerate() {
                if found[index] == UNKNOWN {
                    let mut slot = first[index];
                    let mut at = self.home(key);
                    while slot.key != key && slot.key != 0 {
                        at = (at + 1) & mask;
                        slot = self.slots[at];
                    }
                    found[index] = if slot.key == key { slot.at } else { ABSENT };
                    cache.lines[spread(key) & (CACHE_LINES - 1)] = Slot {
                        key,
                        at: found[index],
                    };
                }
                if found[index] != ABSENT {
                    rows[count] = (found[index] as usize, chunk_targets[index] as usize);
                    count += 1;
                }
            }
            for (header, &(at, _)) in headers.iter_mut().zip(&rows[..count]) {
                *header = self.arena[at];
            }
            for (&(at, target), &header) in rows[..count].iter().zip(&headers[..count]) {
                self.add_row(at, header, &mut out[target..target + classes]);
            }
        }
    }

    /// Add the row starting at `at` (whose header is `header`) to `scores`.
    #[inline]
    fn add_row(&self, at: usize, header: u32, scores: &mut [f32]) {
        if header & DENSE != 0 {
            // Two bfloat16 weights a word, the first half of the classes low and the second
            // high (see [`dense_place`]): half the bytes of f32, and each half widens in
            // order with one shift or one mask, which vectorises without shuffles.
            let row = &self.arena[at + 1..at + 1 + scores.len().div_ceil(2)];
            let (first, second) = scores.split_at_mut(row.len());
            for (score, bits) in first.iter_mut().zip(row) {
                *score += f32::from_bits(bits << 16);
            }
            for (score, bits) in second.iter_mut().zip(row) {
                *score += f32::from_bits(bits & 0xffff_0000);
            }
        } else {
            for entry in &self.arena[at + 1..at + 1 + header as usize] {
                scores[entry_class(*entry)] += entry_weight(*entry);
            }
        }
    }

    /// Rows in key order (for writing), rebuilt from the table.
    fn rows(&self) -> Vec<(u32, Vec<(u16, f32)>)> {
        let mut rows: Vec<(u32, Vec<(u16, f32)>)> = self
            .slots
            .iter()
            .filter(|slot| slot.key != 0)
            .map(|slot| (slot.key, self.row(slot.at as usize)))
            .collect();
        rows.sort_unstable_by_key(|(key, _)| *key);
        rows
    }

    /// Write the rows in key order: keys as varint deltas, classes as one byte when there
    /// are at most 256, weights as bfloat16.
    pub fn write(&self, out: &mut Writer) {
        out.usize(self.classes);
        let rows = self.rows();
        out.usize(rows.len());
        let narrow = self.classes <= 256;
        let mut previous = 0u32;
        for (key, row) in rows {
            out.varint(u64::from(key - previous));
            previous = key;
            out.varint(row.len() as u64);
            for (class, weight) in row {
                if narrow {
                    out.u8(class as u8);
                } else {
                    out.u16(class);
                }
                out.u16(to_bf16(weight));
            }
        }
    }

    /// Read rows written by [`Weights::write`] straight into the table: each row's entries
    /// become arena words as they are read (no row in between, no round trip through f32), and
    /// the arena is reserved once for the most the remaining bytes can hold, so it is neither
    /// copied as it grows nor touched past what the rows fill (loading the English model
    /// spent a third of its time in these copies and in page faults).
    pub fn read(input: &mut Reader<'_>) -> Result<Self, crate::binary::Error> {
        let classes = input.usize()?;
        if classes > u16::MAX as usize {
            return Err(input.error("too many classes"));
        }
        let count = input.usize()?;
        let narrow = classes <= 256;
        if count > input.remaining() {
            return Err(input.error("more rows than bytes"));
        }
        let mut weights = Weights::with_rows(classes, count);
        // A row is a header word plus at most two words for each entry it holds (a dense row
        // holds at least a quarter of the classes, two to a word), and an entry takes at least
        // three bytes: the arena never needs more than this.
        weights
            .arena
            .reserve_exact(count + input.remaining() / 3 * 2 + 1);
        let entry_bytes = if narrow { 3 } else { 4 };
        let mask = weights.slots.len() - 1;
        let mut key = 0u32;
        for index in 0..count {
            let delta = input.varint()?;
            let next = u32::try_from(u64::from(key) + delta)
                .map_err(|_| input.error("feature key out of range"))?;
            if next & 1 == 0 || (next <= key && index > 0) {
                return Err(input.error("feature keys out of order"));
            }
            key = next;
            let len = usize::try_from(input.varint()?).map_err(|_| input.error("row too long"))?;
            let entries = input.raw(
                len.checked_mul(entry_bytes)
                    .ok_or_else(|| input.error("row too long"))?,
            )?;
            let entry = |bytes: &[u8]| {
                if narrow {
                    (
                        u32::from(bytes[0]),
                        u32::from(u16::from_le_bytes([bytes[1], bytes[2]])),
                    )
                } else {
                    (
                        u32::from(u16::from_le_bytes([bytes[0], bytes[1]])),
                        u32::from(u16::from_le_bytes([bytes[2], bytes[3]])),
                    )
                }
            };
            if entries
                .chunks_exact(entry_bytes)
                .any(|bytes| entry(bytes).0 as usize >= classes)
            {
                return Err(input.error("class out of range"));
            }
            let mut slot = weights.home(key);
            while weights.slots[slot].key != 0 {
                slot = (slot + 1) & mask;
            }
            let at = weights.arena.len() as u32;
            let arena = &mut weights.arena;
            if worth_dense(len, classes) {
                arena.push(DENSE | len as u32);
                let start = arena.len();
                arena.resize(start + classes.div_ceil(2), 0);
                for bytes in entries.chunks_exact(entry_bytes) {
                    let (class, half) = entry(bytes);
                    let (word, high) = dense_place(class as usize, classes);
                    arena[start + word] |= if high { half << 16 } else { half };
                }
            } else {
                arena.push(len as u32);
                arena.extend(entries.chunks_exact(entry_bytes).map(|bytes| {
                    let (class, half) = entry(bytes);
                    (class << 16) | half
                }));
            }
            weights.slots[slot] = Slot { key, at };
        }
        weights.arena.shrink_to_fit();
        Ok(weights)
    }
}

/// Line of a key in a thread's [`LookupCache`]: keys are hashes already, but their low bits
/// were forced to 1.
#[inline]
fn spread(key: u32) -> usize {
    (key >> 1) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows of 200,000 features as the tagger and parser make them, added in key order as a
    /// model file holds them: every row is found again, and a row sits on average less than
    /// one slot past its home (top bits of a folded feature are as even as any).
    #[test]
    fn rows_added_in_key_order_sit_near_their_home_slots() {
        let mut rows: Vec<(u32, Vec<(u16, f32)>)> = (0..200_000_u64)
            .map(|index| {
                let key = fold(feature(index % 40, hash_str(&index.to_string()), index, 0));
                (key, vec![((index % 7) as u16, 1.0)])
            })
            .collect();
        rows.sort_unstable_by_key(|(key, _)| *key);
        rows.dedup_by_key(|(key, _)| *key);
        let weights = Weights::from_rows(7, rows.clone());
        let mask = weights.slots.len() - 1;
        let mut displaced = 0;
        for (at, slot) in weights.slots.iter().enumerate() {
            if slot.key != 0 {
                displaced += at.wrapping_sub(weights.home(slot.key)) & mask;
            }
        }
        let mean = displaced as f64 / rows.len() as f64;
        assert!(mean < 1.0, "mean displacement {mean}");
        for (key, row) in &rows {
            let slot = (0..weights.slots.len())
                .map(|step| weights.slots[(weights.home(*key) + step) & mask])
                .find(|slot| slot.key == *key || slot.key == 0)
                .expect("an empty slot");
            assert_eq!(slot.key, *key);
            assert_eq!(&weights.row(slot.at as usize), row);
        }
    }

    /// `Weights::read` fills the arena straight from the file's entries: dense and sparse
    /// rows, one-byte and two-byte classes, read back to the table `from_rows` built.
    #[test]
    fn read_builds_the_table_that_was_written() {
        for classes in [20_usize, 300] {
            let rows: Vec<(u32, Vec<(u16, f32)>)> = (0..2_000_u64)
                .map(|index| {
                    let len = [1, 3, classes / 2, classes][index as usize % 4];
                    let row = (0..len)
                        .map(|entry| {
                            let class = (entry * 7 + index as usize) % classes;
                            (class as u16, (entry as f32 - 2.5) * 0.75)
                        })
                        .collect::<std::collections::BTreeMap<_, _>>()
                        .into_iter()
                        .collect();
                    (fold(feature(3, index, 0, 0)), row)
                })
                .collect::<std::collections::BTreeMap<_, _>>()
                .into_iter()
                .collect();
            let weights = Weights::from_rows(classes, rows.clone());
            let mut out = Writer::default();
            weights.write(&mut out);
            let bytes = out.into_bytes();
            let again = Weights::read(&mut Reader::new(&bytes)).unwrap();
            assert_eq!(again.stats(), weights.stats(), "{classes} classes");
            assert_eq!(again.rows(), weights.rows(), "{classes} classes");
            assert_eq!(again.arena, weights.arena, "{classes} classes");
            let features: Vec<u64> = (0..50).map(|index| feature(3, index, 0, 0)).collect();
            let (mut first, mut second) = (vec![0.0; classes], vec![0.0; classes]);
            weights.add_scores(&features, &mut first);
            again.add_scores(&features, &mut second);
            assert_eq!(first, second);
            for cut in [1, bytes.len() / 2, bytes.len() - 1] {
                assert!(Weights::read(&mut Reader::new(&bytes[..cut])).is_err());
            }
        }
    }

    #[test]
    fn learns_a_separable_problem_and_survives_a_round_trip() {
        // Class = which of two features is present.
        let mut trainer = Trainer::new(2);
        let mut scores = Vec::new();
        for _ in 0..5 {
            for (features, truth) in [
                (vec![feature(1, 1, 0, 0)], 0),
                (vec![feature(1, 2, 0, 0)], 1),
            ] {
                trainer.scores(&features, &mut scores);
                let guess = if scores[1] > scores[0] { 1 } else { 0 };
                trainer.update(&features, truth, guess);
                trainer.tick();
            }
        }
        let weights = trainer.finish(0.0);
        let mut out = Writer::default();
        weights.write(&mut out);
        let bytes = out.into_bytes();
        let again = Weights::read(&mut Reader::new(&bytes)).unwrap();
        for (feat, truth) in [(feature(1, 1, 0, 0), 0), (feature(1, 2, 0, 0), 1)] {
            let mut scores = [0.0f32; 2];
            again.add_scores(&[feat], &mut scores);
            let guess = if scores[1] > scores[0] { 1 } else { 0 };
            assert_eq!(guess, truth);
        }
    }
}
