//! Bots that play whole games through `rules::apply`, and Monte-Carlo reports over them.

use crate::rules::*;
use std::collections::BTreeMap;
use std::sync::Arc;

mod bots;
pub use bots::{Bot, Strategy};

/// What one finished game looked like.
#[derive(Clone, Debug, PartialEq)]
pub struct GameResult {
    pub ending: Ending,
    /// Her counters, as the rules kept them.
    pub record: Record,
    pub net_worth: i64,
    pub actions: u32,
}

/// Plays one game to its end. `log`, when given, receives every action applied.
pub fn play(
    world: &Arc<World>,
    strategy: Strategy,
    seed: u64,
    mut log: Option<&mut Vec<Action>>,
) -> (GameState, GameResult) {
    let mut rng = new_rng(seed);
    let mut bot = Bot::new(strategy, seed ^ 0x9E37_79B9_7F4A_7C15);
    let (mut s, _) = new_game(world.clone(), &mut rng);
    let mut pace = Pace::new(&s);
    while s.ending.is_none() {
        let a = pace.next(&mut bot, &s);
        if let Some(l) = log.as_deref_mut() {
            l.push(a.clone());
        }
        // The bots read the state, not the events: the quiet door is enough.
        let _ = apply_quiet(&mut s, a, &mut rng);
        pace.after(&s);
    }
    let r = GameResult {
        ending: s.ending.unwrap_or(Ending::FamilyFed),
        record: s.record,
        net_worth: s.net_worth(),
        actions: pace.actions,
    };
    (s, r)
}

/// Keeps a bot from dithering: past 100 actions in a day, or the level's days × 120 in all,
/// it is walked home (handing over the phone if stopped), so every game reaches an ending.
struct Pace {
    cap: u32,
    actions: u32,
    today: u32,
    day: u16,
}

impl Pace {
    fn new(s: &GameState) -> Pace {
        Pace {
            cap: s.world.lv().days * 120,
            actions: 0,
            today: 0,
            day: s.day,
        }
    }

    /// The bot's next action, or the walk home. (The bot is asked either way: its own
    /// random stream moves on as it always has.)
    fn next(&self, bot: &mut Bot, s: &GameState) -> Action {
        let a = bot.next(s);
        if self.today <= 100 && self.actions <= self.cap {
            a
        } else if s.inspection.is_some() {
            Action::HandOver
        } else {
            Action::EndDay
        }
    }

    /// Counts the action just applied.
    fn after(&mut self, s: &GameState) {
        self.actions += 1;
        self.today += 1;
        if s.day != self.day {
            self.day = s.day;
            self.today = 0;
        }
    }
}

/// The styles of the sample class (`haeju-trader sample-class`): five players who play
/// differently enough for the class view to show a spread.
pub const CLASS_STYLES: [Strategy; 5] = [
    Strategy::Cautious,
    Strategy::Trader,
    Strategy::Sentimental,
    Strategy::Careless,
    Strategy::CarefulTrader,
];

/// One student's session played by a bot, through a [`Session`](crate::session::Session)
/// as the window plays it (so its save and report are what a student's would be).
pub fn play_session(
    level: &str,
    strategy: Strategy,
    class_code: &str,
    days: Option<u32>,
) -> Result<crate::session::Session, String> {
    let mut s = crate::session::Session::for_class(level, 0, class_code, days)?;
    if s.class_code().is_none() {
        return Err(format!(
            "class code {class_code:?}: expected 3 to 12 letters or digits"
        ));
    }
    // Each sample student's game has its own identity, the same every run.
    let id = crate::session::new_id(s.seed() ^ (strategy as u64 + 1));
    s.identify(id, false);
    let mut bot = Bot::new(strategy, strategy as u64 + 1);
    let mut pace = Pace::new(s.state());
    while s.state().ending.is_none() {
        let a = pace.next(&mut bot, s.state());
        s.act(a);
        pace.after(s.state());
    }
    Ok(s)
}

/// The bot that plays most like the player of `s`, from what she did: paid to wipe the
/// screenshot log or left nothing risky → cautious; forwarded news → trader; kept
/// something risky that mattered to the family → sentimental; deleted and wiped nothing
/// yet kept (or was caught with) something risky → careless.
pub fn closest_strategy(s: &GameState) -> Strategy {
    let r = &s.record;
    // (Not the ledger's fees: they hold stall fees too.)
    let wiped = r.trace_wipes > 0;
    let kept_family = s
        .phone
        .items
        .iter()
        .any(|it| it.flags != 0 && s.world.specs[it.spec as usize].sentimental >= 5);
    if r.forwarded > 0 {
        Strategy::Trader
    } else if kept_family {
        Strategy::Sentimental
    } else if r.deleted == 0 && !wiped && (s.risky_items() > 0 || r.caught > 0) {
        Strategy::Careless
    } else if wiped || s.risky_items() == 0 {
        Strategy::Cautious
    } else {
        Strategy::Sentimental
    }
}

/// Totals over many games of one strategy.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub level: String,
    /// The days each game lasted (the level's, or the class's shorter session).
    pub days: u32,
    pub strategy: Strategy,
    pub runs: u32,
    pub seed: u64,
    pub endings: BTreeMap<Ending, u32>,
    pub caught_once: u32,
    /// Games in which the family went to bed hungry at least once; mean meagre or hungry
    /// evenings, memories deleted and school days missed a game.
    pub hungry_once: u32,
    pub mean_meals_skipped: f64,
    /// Mean meagre evenings and hungry evenings a game, each evening counted once.
    pub mean_meagre: f64,
    pub mean_hungry: f64,
    /// Games without a single stop, and games in which she lost items (taken or deleted
    /// by force).
    pub no_stop: u32,
    pub items_lost_once: u32,
    /// Games with at least one meagre or hungry evening; games in which a child fell ill or
    /// missed school (a consequence the family names).
    pub meagre_once: u32,
    pub named_once: u32,
    pub mean_memories_deleted: f64,
    pub mean_school_missed: f64,
    pub median_worth: i64,
    pub mean_inspections: f64,
    pub mean_bribes_won: f64,
    pub mean_confiscated: f64,
}

impl Summary {
    pub fn share(&self, e: Ending) -> f64 {
        *self.endings.get(&e).unwrap_or(&0) as f64 / self.runs.max(1) as f64
    }

    pub fn caught_share(&self) -> f64 {
        self.caught_once as f64 / self.runs.max(1) as f64
    }

    pub fn hungry_share(&self) -> f64 {
        self.hungry_once as f64 / self.runs.max(1) as f64
    }

    pub fn no_stop_share(&self) -> f64 {
        self.no_stop as f64 / self.runs.max(1) as f64
    }

    pub fn meagre_share(&self) -> f64 {
        self.meagre_once as f64 / self.runs.max(1) as f64
    }

    pub fn named_share(&self) -> f64 {
        self.named_once as f64 / self.runs.max(1) as f64
    }

    pub fn items_lost_share(&self) -> f64 {
        self.items_lost_once as f64 / self.runs.max(1) as f64
    }

    /// Share of games that ended with the family fed (thriving included).
    pub fn fed_share(&self) -> f64 {
        self.share(Ending::Thriving) + self.share(Ending::FamilyFed)
    }
}

/// Runs `runs` games; run `k` uses game seed `seed + k`.
pub fn simulate(world: &Arc<World>, strategy: Strategy, runs: u32, seed: u64) -> Summary {
    let mut endings = BTreeMap::new();
    let mut worth = Vec::with_capacity(runs as usize);
    let (mut caught, mut insp, mut bribes, mut conf) = (0u32, 0u64, 0i64, 0u64);
    let (mut hungry, mut skipped, mut memories, mut school) = (0u32, 0u64, 0u64, 0u64);
    let (mut meagre, mut hungry_evenings, mut no_stop, mut lost) = (0u64, 0u64, 0u32, 0u32);
    let (mut meagre_once, mut named_once) = (0u32, 0u32);
    for k in 0..runs {
        let (_, r) = play(world, strategy, seed.wrapping_add(k as u64), None);
        *endings.entry(r.ending).or_insert(0) += 1;
        caught += (r.record.caught > 0) as u32;
        hungry += (r.record.hungry_days > 0) as u32;
        skipped += r.record.meals_skipped as u64;
        meagre += r.record.evenings_meagre as u64;
        hungry_evenings += r.record.hungry_days as u64;
        no_stop += (r.record.inspections == 0) as u32;
        lost += (r.record.items_confiscated > 0) as u32;
        meagre_once += (r.record.evenings_meagre + r.record.hungry_days > 0) as u32;
        named_once += (r.record.illnesses + r.record.school_missed > 0) as u32;
        memories += r.record.memories_deleted as u64;
        school += r.record.school_missed as u64;
        insp += r.record.inspections as u64;
        bribes += r.record.bribes_paid_won;
        conf += r.record.items_confiscated as u64;
        worth.push(r.net_worth);
    }
    worth.sort_unstable();
    let n = runs.max(1) as f64;
    Summary {
        level: world.lv().id.clone(),
        days: world.lv().days,
        strategy,
        runs,
        seed,
        endings,
        caught_once: caught,
        hungry_once: hungry,
        mean_meals_skipped: skipped as f64 / n,
        mean_meagre: meagre as f64 / n,
        mean_hungry: hungry_evenings as f64 / n,
        no_stop,
        items_lost_once: lost,
        meagre_once,
        named_once,
        mean_memories_deleted: memories as f64 / n,
        mean_school_missed: school as f64 / n,
        median_worth: worth.get(worth.len() / 2).copied().unwrap_or(0),
        mean_inspections: insp as f64 / n,
        mean_bribes_won: bribes as f64 / n,
        mean_confiscated: conf as f64 / n,
    }
}

/// A plain-text table; with the `seconds` the caller timed them in, a last line (speed),
/// the only one that varies between runs.
pub fn table(summaries: &[Summary], seconds: Option<f64>) -> String {
    let mut out = String::new();
    if let Some(s) = summaries.first() {
        out += &format!(
            "level {}  days {}  runs {}  seed {}\n",
            s.level, s.days, s.runs, s.seed
        );
    }
    out += &format!("{:<12}", "ending");
    for s in summaries {
        out += &format!("{:>15}", s.strategy.name());
    }
    out += "\n";
    for e in ENDINGS {
        out += &format!("{:<18}", e.key());
        for (i, s) in summaries.iter().enumerate() {
            let w = if i == 0 { 9 } else { 15 };
            out += &format!("{:>w$.1}%", 100.0 * s.share(e), w = w - 1);
        }
        out += "\n";
    }
    let row = |name: &str, f: &dyn Fn(&Summary) -> String| {
        let mut line = format!("{name:<18}");
        for (i, s) in summaries.iter().enumerate() {
            let w = if i == 0 { 9 } else { 15 };
            line += &format!("{:>w$}", f(s));
        }
        line + "\n"
    };
    out += &row("caught at least 1", &|s| {
        format!("{:.1}%", 100.0 * s.caught_share())
    });
    out += &row("hungry at least 1", &|s| {
        format!("{:.1}%", 100.0 * s.hungry_share())
    });
    out += &row("meagre/hungry >=1", &|s| {
        format!("{:.1}%", 100.0 * s.meagre_share())
    });
    out += &row("meagre evenings", &|s| format!("{:.2}", s.mean_meagre));
    out += &row("hungry evenings", &|s| format!("{:.2}", s.mean_hungry));
    out += &row("school days lost", &|s| {
        format!("{:.2}", s.mean_school_missed)
    });
    out += &row("ill or school >=1", &|s| {
        format!("{:.1}%", 100.0 * s.named_share())
    });
    out += &row("memories deleted", &|s| {
        format!("{:.2}", s.mean_memories_deleted)
    });
    out += &row("median worth won", &|s| s.median_worth.to_string());
    out += &row("inspections/game", &|s| {
        format!("{:.2}", s.mean_inspections)
    });
    out += &row("no stop at all", &|s| {
        format!("{:.1}%", 100.0 * s.no_stop_share())
    });
    out += &row("lost items", &|s| {
        format!("{:.1}%", 100.0 * s.items_lost_share())
    });
    out += &row("bribes won/game", &|s| format!("{:.0}", s.mean_bribes_won));
    out += &row("confiscated/game", &|s| {
        format!("{:.2}", s.mean_confiscated)
    });
    if let Some(secs) = seconds {
        let total: u32 = summaries.iter().map(|s| s.runs).sum();
        out += &format!("runs per second: {:.0}\n", total as f64 / secs.max(1e-9));
    }
    out
}

/// The same as JSON; `runs_per_second` (from the `seconds` the caller timed) is the only
/// field that varies between runs.
pub fn json(summaries: &[Summary], seconds: f64) -> String {
    let mut out = String::from("{\n  \"strategies\": [\n");
    for (i, s) in summaries.iter().enumerate() {
        let endings: Vec<String> = ENDINGS
            .iter()
            .map(|e| format!("\"{}\": {:.4}", e.key(), s.share(*e)))
            .collect();
        out += &format!(
            "    {{\"level\": \"{}\", \"strategy\": \"{}\", \"runs\": {}, \"seed\": {}, \"endings\": {{{}}}, \"caught_at_least_once\": {:.4}, \"median_final_worth_won\": {}, \"mean_inspections\": {:.4}, \"mean_bribes_paid_won\": {:.1}, \"mean_items_confiscated\": {:.4}}}{}\n",
            s.level,
            s.strategy.name(),
            s.runs,
            s.seed,
            endings.join(", "),
            s.caught_share(),
            s.median_worth,
            s.mean_inspections,
            s.mean_bribes_won,
            s.mean_confiscated,
            if i + 1 < summaries.len() { "," } else { "" }
        );
    }
    let total: u32 = summaries.iter().map(|s| s.runs).sum();
    out += &format!(
        "  ],\n  \"runs_per_second\": {:.0}\n}}\n",
        total as f64 / seconds.max(1e-9)
    );
    out
}
