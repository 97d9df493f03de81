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

criterion_group!(benches, games);
criterion_main!(benches);
