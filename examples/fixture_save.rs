//! Regenerates tests/fixtures/reports/4-sentimental.ron: a level-1 save of a sentimental
//! player who thrived, paid a bribe, was never caught and forwarded nothing (what the class
//! summary test expects of it). Run after a rule or level change that alters replays:
//! `cargo run --example fixture_save --no-default-features > tests/fixtures/reports/4-sentimental.ron`
use haeju_trader::rules::Ending;
use haeju_trader::session::Session;
use haeju_trader::sim::{self, Strategy};

fn main() {
    let w = haeju_trader::content::load_level("01").expect("level 1");
    for seed in 1..10_000u64 {
        let mut log = Vec::new();
        let (s, _) = sim::play(&w, Strategy::Sentimental, seed, Some(&mut log));
        let r = &s.record;
        if s.ending == Some(Ending::FamilyFed)
            && r.bribes_paid_won > 0
            && r.caught == 0
            && r.forwarded == 0
        {
            let mut session = Session::start_on(w.clone(), "01", seed, None, None);
            for a in log {
                session.act(a);
            }
            print!("{}", session.save().to_text().expect("a save writes"));
            eprintln!("seed {seed}");
            return;
        }
    }
    eprintln!("no seed found");
    std::process::exit(1);
}
