//! Whole level-1 games per second on one core, per bot strategy.
//! `cargo bench --no-default-features` runs it without building Bevy.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use haeju_trader::sim::{self, Strategy};
use std::hint::black_box;

fn games(c: &mut Criterion) {
    let world = haeju_trader::content::load_level("01").expect("level 1 loads");
    let mut group = c.benchmark_group("level1_games");
    group.throughput(Throughput::Elements(1));
    for strategy in Strategy::ALL {
        let mut seed = 0u64;
        group.bench_function(strategy.name(), |b| {
            b.iter(|| {
                seed += 1;
                black_box(sim::play(&world, strategy, seed, None).1)
            })
        });
    }
    group.finish();
}

/// The rules alone: replaying a recorded level-1 game, no bot deciding.
fn replay(c: &mut Criterion) {
    use haeju_trader::rules::{apply, new_game, new_rng};
    let world = haeju_trader::content::load_level("01").expect("level 1 loads");
    let mut group = c.benchmark_group("level1_replay");
    group.throughput(Throughput::Elements(1));
    for strategy in [Strategy::Cautious, Strategy::Trader] {
        let mut log = Vec::new();
        sim::play(&world, strategy, 7, Some(&mut log));
        group.bench_function(strategy.name(), |b| {
            b.iter(|| {
                let mut rng = new_rng(7);
                let (mut s, _) = new_game(world.clone(), &mut rng);
                for a in &log {
                    black_box(apply(&mut s, a.clone(), &mut rng));
                }
                black_box(s.ending)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, games, replay);
criterion_main!(benches);
