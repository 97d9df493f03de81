//! Dice: the game's random stream and the two ways the rules draw from it.

use super::*;

/// The game's random stream: ChaCha8, stable across versions and platforms.
pub type Rng = rand_chacha::ChaCha8Rng;

pub fn new_rng(seed: u64) -> Rng {
    Rng::seed_from_u64(seed)
}

/// A number in 0..n. Modulo of a 64-bit draw: the bias is far below anything a player
/// could notice, and it keeps the stream independent of `rand`'s distribution code.
#[inline]
pub(super) fn roll(rng: &mut Rng, n: u32) -> u32 {
    (rng.next_u64() % n.max(1) as u64) as u32
}

#[inline]
pub(super) fn chance(rng: &mut Rng, permille: u32) -> bool {
    roll(rng, 1000) < permille
}
