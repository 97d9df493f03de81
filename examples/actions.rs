//! Prints how many actions of each kind the bots take per level-1 game (a profiling aid).
use haeju_trader::sim::{self, Strategy};
use std::collections::BTreeMap;

fn main() {
    let w = haeju_trader::content::load_level("01").expect("level 1");
    for strategy in Strategy::ALL {
        let mut kinds: BTreeMap<String, u32> = BTreeMap::new();
        let runs = 200;
        for seed in 0..runs {
            let mut log = Vec::new();
            sim::play(&w, strategy, seed, Some(&mut log));
            for a in log {
                let k = format!("{a:?}");
                let k = k.split([' ', '{', '(']).next().unwrap_or("").to_string();
                *kinds.entry(k).or_default() += 1;
            }
        }
        let total: u32 = kinds.values().sum();
        let per: Vec<String> = kinds
            .iter()
            .map(|(k, v)| format!("{k} {:.1}", *v as f64 / runs as f64))
            .collect();
        println!(
            "{:<12} {:>6.1} actions/game: {}",
            strategy.name(),
            total as f64 / runs as f64,
            per.join(", ")
        );
    }
}
