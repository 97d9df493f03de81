use haeju_trader::rules::*;
use haeju_trader::sim::{self, Strategy};
use std::collections::BTreeMap;
fn main() {
    let w = haeju_trader::content::load_level(&std::env::args().nth(1).unwrap_or("01".into()))
        .expect("level");
    for strategy in [Strategy::Cautious, Strategy::Trader, Strategy::Sentimental] {
        let mut found: BTreeMap<String, u32> = BTreeMap::new();
        let mut cons: BTreeMap<String, u32> = BTreeMap::new();
        for seed in 0..500 {
            let mut log = Vec::new();
            sim::play(&w, strategy, seed, Some(&mut log));
            let mut rng = new_rng(seed);
            let (mut s, _) = new_game(w.clone(), &mut rng);
            for a in log {
                let before: Vec<(u32, String)> = s
                    .phone
                    .items
                    .iter()
                    .map(|i| (i.id, w.specs[i.spec as usize].id.clone()))
                    .collect();
                let ev = apply(&mut s, a, &mut rng);
                for e in &ev {
                    if let Event::Searched { items, shots, .. } = e {
                        for i in items.iter() {
                            if let Some((_, n)) = before.iter().find(|(id, _)| id == i) {
                                *found.entry(n.clone()).or_default() += 1;
                            }
                        }
                        if !shots.is_empty() {
                            *found.entry("SHOTS".into()).or_default() += 1;
                        }
                    }
                    if let Event::Consequence(c) = e {
                        *cons.entry(format!("{c:?}")).or_default() += 1;
                    }
                }
            }
        }
        let mut v: Vec<_> = found.into_iter().collect();
        v.sort_by_key(|x| std::cmp::Reverse(x.1));
        println!("{:?}: {:?}\n   {:?}", strategy, &v[..v.len().min(10)], cons);
    }
}
