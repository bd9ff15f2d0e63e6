//! Filters over the large sealed runs of the band index, stored in the database beside them.
//!
//! A store batch asks every sealed run for each of its band keys (`RunIndex::probe_sealed`),
//! and nearly all of those keys are in no run: a probe then reads a leaf page of the run only
//! to find nothing there, and in a large store, whose runs hold millions of keys, that page is
//! rarely in the page cache. A run of 262,144 keys or more gets a blocked Bloom filter of
//! [`BITS_PER_KEY`] bits a key: a table of blocks of [`BLOCK_BYTES`] bytes, one row each, the
//! block of a key chosen by its leading bits. A band key is random and the batch asks its keys
//! in key order, so it reads the blocks in order, each once, and a run's filter is about a
//! fortieth of the run's size: a large run costs the batch its filter's pages and a leaf page
//! only for the keys the filter lets through (those the run holds, and about one in six of
//! the others). The filter lives in the database, read through SQLite's page cache like the run
//! itself, so the memory of an ingest does not grow with the store. A filter never rejects a key
//! its run holds, so the look-ups find what probing the run gives.

/// Filter bits a key: with two bits set a key, about one key in six that the run does not
/// hold passes.
pub(crate) const BITS_PER_KEY: u64 = 4;
/// Bytes of a block: about a thousand keys, seven blocks a page.
pub(crate) const BLOCK_BYTES: usize = 512;
const BLOCK_BITS: u64 = BLOCK_BYTES as u64 * 8;

/// Where the keys of a run with a given number of rows go: the block of a key is its leading
/// bits in key order (so that keys in key order read the blocks in order), as many as the
/// power of two of blocks that gives at least [`BITS_PER_KEY`] bits a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Geometry {
    /// Bits of the key (in key order) below its block number.
    shift: u32,
}

impl Geometry {
    pub(crate) fn for_rows(rows: i64) -> Geometry {
        let bits = u64::try_from(rows.max(1))
            .unwrap_or(1)
            .saturating_mul(BITS_PER_KEY);
        let blocks = bits.div_ceil(BLOCK_BITS).next_power_of_two();
        Geometry {
            shift: 64 - blocks.trailing_zeros(),
        }
    }

    /// The block of `key`, ascending with the key (an `i64` in SQLite's integer order).
    pub(crate) fn block(self, key: i64) -> i64 {
        let ordered = (key as u64) ^ (1 << 63);
        // A shift of 64 (one block) gives block 0.
        ordered.checked_shr(self.shift).unwrap_or(0) as i64
    }
}

/// The two bits of `key` within its block: from a mix of all of the key's bits, so that they
/// do not depend on the leading bits that chose the block.
fn bits(key: i64) -> [usize; 2] {
    // splitmix64's finaliser.
    let mut mixed = key as u64;
    mixed = (mixed ^ (mixed >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    mixed = (mixed ^ (mixed >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    mixed ^= mixed >> 31;
    [
        (mixed % BLOCK_BITS) as usize,
        ((mixed >> 32) % BLOCK_BITS) as usize,
    ]
}

/// Whether the block `bits` (as stored) may hold `key`: false only when the run does not.
pub(crate) fn may_hold(block: &[u8], key: i64) -> bool {
    bits(key).iter().all(|&bit| {
        block
            .get(bit / 8)
            .is_some_and(|byte| byte & (1 << (bit % 8)) != 0)
    })
}

/// Fills a filter's blocks from keys given in key order, handing each finished block on.
pub(crate) struct Builder {
    geometry: Geometry,
    block: Option<i64>,
    bits: Vec<u8>,
}

impl Builder {
    pub(crate) fn new(rows: i64) -> Builder {
        Builder {
            geometry: Geometry::for_rows(rows),
            block: None,
            bits: vec![0; BLOCK_BYTES],
        }
    }

    /// Add `key` (not below the last key added); a block that this key leaves behind goes to
    /// `finished`.
    pub(crate) fn add<E>(
        &mut self,
        key: i64,
        finished: &mut impl FnMut(i64, &[u8]) -> Result<(), E>,
    ) -> Result<(), E> {
        let block = self.geometry.block(key);
        if self.block != Some(block) {
            self.flush(finished)?;
            self.block = Some(block);
        }
        for bit in bits(key) {
            self.bits[bit / 8] |= 1 << (bit % 8);
        }
        Ok(())
    }

    /// Hand on the last block.
    pub(crate) fn flush<E>(
        &mut self,
        finished: &mut impl FnMut(i64, &[u8]) -> Result<(), E>,
    ) -> Result<(), E> {
        if let Some(block) = self.block.take() {
            finished(block, &self.bits)?;
            self.bits.fill(0);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// Random-looking keys in key order, as a band run holds them.
    fn keys(count: u64, seed: u64) -> Vec<i64> {
        let mut keys: Vec<i64> = (0..count)
            .map(|index| {
                let mut x = (index + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ seed;
                x ^= x >> 29;
                x.wrapping_mul(0xbf58_476d_1ce4_e5b9) as i64
            })
            .collect();
        keys.sort_unstable();
        keys
    }

    fn build(keys: &[i64]) -> (Geometry, BTreeMap<i64, Vec<u8>>) {
        let mut builder = Builder::new(keys.len() as i64);
        let mut blocks = BTreeMap::new();
        let mut store = |block: i64, bits: &[u8]| -> Result<(), ()> {
            assert!(
                blocks.insert(block, bits.to_vec()).is_none(),
                "block {block} twice"
            );
            Ok(())
        };
        for &key in keys {
            builder.add(key, &mut store).expect("add");
        }
        builder.flush(&mut store).expect("flush");
        (builder.geometry, blocks)
    }

    fn held(geometry: Geometry, blocks: &BTreeMap<i64, Vec<u8>>, key: i64) -> bool {
        blocks
            .get(&geometry.block(key))
            .is_some_and(|block| may_hold(block, key))
    }

    #[test]
    fn a_filter_holds_every_key_of_its_run_and_few_others() {
        let stored = keys(20_000, 1);
        let (geometry, blocks) = build(&stored);
        assert!(stored.iter().all(|&key| held(geometry, &blocks, key)));
        // 20,000 keys at 4 bits: 80,000 bits, 20 blocks of 4,096 bits, rounded up to 32.
        assert_eq!(blocks.len(), 32);
        let others = keys(20_000, 2);
        let passed = others
            .iter()
            .filter(|&&key| held(geometry, &blocks, key))
            .count();
        // Two bits a key in 6.5 bits a key (the blocks rounded up to a power of two): about
        // one in fifteen; well under one in five.
        assert!(passed < 4_000, "{passed} of 20,000 passed");
        assert!(passed > 0);
    }

    #[test]
    fn blocks_follow_key_order_and_cover_the_key_space() {
        let geometry = Geometry::for_rows(300_000);
        // 1.2M bits: 293 blocks, rounded up to 512.
        assert_eq!(geometry.block(i64::MIN), 0);
        assert_eq!(geometry.block(-1), 255);
        assert_eq!(geometry.block(0), 256);
        assert_eq!(geometry.block(i64::MAX), 511);
        let ordered = keys(1_000, 3);
        let blocks: Vec<i64> = ordered.iter().map(|&key| geometry.block(key)).collect();
        assert!(blocks.windows(2).all(|pair| pair[0] <= pair[1]));
        // A run small enough for one block.
        let one = Geometry::for_rows(10);
        assert_eq!((one.block(i64::MIN), one.block(i64::MAX)), (0, 0));
    }
}
