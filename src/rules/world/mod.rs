//! From text to a world the rules can run: parse a level and the fact catalog
//! ([`parse`]), check every reference and number ([`check`]), then resolve ids to indices
//! once ([`World::new`], through the same id table the checks use).

mod check;
mod ids;
mod parse;

pub use check::{check_catalog, check_level};
pub use parse::{Problem, parse_catalog, parse_level};

use super::date::Date;
use super::scenario::*;
use super::text::Text;
use ids::Ids;

/// A checked level with every id resolved to an index, plus the fact catalog.
#[derive(Clone, Debug)]
pub struct World {
    pub level: Level,
    pub catalog: FactCatalog,
    pub home: u16,
    /// For each place: (neighbour, route index).
    pub adj: Vec<Vec<(u16, u16)>>,
    /// For each place: the next step (place, route) on the quickest way home.
    pub way_home: Vec<Option<(u16, u16)>>,
    /// [place][good]: local price per mille, 0 where the good is not traded.
    pub local: Vec<Vec<u32>>,
    /// [good]: the places that trade it, in order.
    pub sold_at: Vec<Vec<u16>>,
    pub grain: Vec<u16>,
    pub start_stock: Vec<u32>,
    pub inspector_places: Vec<Vec<u16>>,
    pub campaign_inspectors: Vec<Vec<u16>>,
    /// Every phone item the game can hold: the starting phone, then each message's
    /// thread, each attachment, each information event's thread.
    pub specs: Vec<ItemSpec>,
    pub spec_flags: Vec<u8>,
    pub spec_knows: Vec<Option<u16>>,
    /// [spec]: for a message's or news thread, the spec of the contact it comes from (its
    /// name on the phone is that contact's, renamed or not).
    pub thread_sender: Vec<Option<u16>>,
    pub msg_spec: Vec<u16>,
    pub msg_attach: Vec<Option<u16>>,
    pub msg_tip: Vec<Option<(u16, u16, u32)>>,
    /// Each message's ask, resolved: (good, kg, pays per mille).
    pub msg_ask: Vec<Option<(u16, u32, u32)>>,
    /// Each message's sender (the contact's spec).
    pub msg_from: Vec<u16>,
    pub info_spec: Vec<u16>,
    pub info_deal: Vec<Option<(u16, u16, u32)>>,
    /// next_hop[from][to]: the neighbour to walk to on the quickest way.
    pub next_hop: Vec<Vec<u16>>,
    /// Each good's market depth (kg), from the level.
    pub depth: Vec<i64>,
    pub n_goods: usize,
    /// Grain a rice meal eats, and a corn (or porridge) meal (worked out at load).
    pub grain_by_kind: [Vec<u16>; 2],
    pub n_places: usize,
    /// Per day of the level: each good's dated price, the rates, the campaign running.
    pub days: Vec<DayTable>,
}

/// What the dated series say about one day of the level, worked out once at load.
#[derive(Clone, Debug, Default)]
pub struct DayTable {
    pub base: Vec<i64>,
    pub rates: (i64, i64),
    pub campaign: Option<u16>,
}

pub fn flags_bits(flags: &[Flag]) -> u8 {
    flags.iter().fold(0, |b, f| b | f.bit())
}

impl World {
    /// Resolves a level that passed [`check_level`] (it returns an error otherwise).
    pub fn new(level: Level, catalog: FactCatalog) -> Result<World, String> {
        let ids = Ids::new(&level);
        let (adj, way_home) = routes(&level, &ids)?;
        let next_hop = next_hops(&level, &adj);
        let specs = Specs::new(&level, &ids)?;
        let (np, ng) = (level.places.len(), level.goods.len());
        let mut local = vec![vec![0u32; ng]; np];
        for (p, pl) in level.places.iter().enumerate() {
            for (g, pm) in &pl.prices {
                local[p][ids.good(g)? as usize] = *pm;
            }
        }
        let sold_at = (0..ng)
            .map(|g| {
                (0..np as u16)
                    .filter(|&p| local[p as usize][g] != 0)
                    .collect()
            })
            .collect();
        let grain = level
            .family
            .grain_goods
            .iter()
            .map(|g| ids.good(g))
            .collect::<Result<_, _>>()?;
        let mut start_stock = vec![0; ng];
        for (g, q) in &level.stock {
            start_stock[ids.good(g)? as usize] += q;
        }
        let inspector_places = level
            .inspectors
            .iter()
            .map(|s| s.places.iter().map(|p| ids.place(p)).collect())
            .collect::<Result<_, _>>()?;
        let campaign_inspectors = level
            .campaigns
            .iter()
            .map(|c| c.inspectors.iter().map(|i| ids.inspector(i)).collect())
            .collect::<Result<_, _>>()?;
        let spec_knows = specs
            .specs
            .iter()
            .map(|s| s.knows.as_deref().map(|p| ids.place(p)).transpose())
            .collect::<Result<_, _>>()?;
        let depth = level
            .goods
            .iter()
            .map(|g| g.depth_kg.max(1) as i64)
            .collect();
        let home = ids.place(&level.home)?;
        let mut world = World {
            next_hop,
            depth,
            home,
            adj,
            way_home,
            local,
            sold_at,
            grain,
            start_stock,
            inspector_places,
            campaign_inspectors,
            spec_flags: specs.specs.iter().map(|s| flags_bits(&s.flags)).collect(),
            spec_knows,
            thread_sender: {
                let mut t = vec![None; specs.specs.len()];
                // The phone's starting threads are their contact's by name (a thread shows
                // its sender's name).
                for (k, sp) in specs.specs.iter().enumerate().take(level.phone.len()) {
                    if sp.kind == ItemKind::Thread {
                        t[k] = specs.specs[..level.phone.len()]
                            .iter()
                            .position(|c| c.kind == ItemKind::Contact && c.name == sp.name)
                            .map(|c| c as u16);
                    }
                }
                for (&spec, &from) in specs.msg_spec.iter().zip(&specs.msg_from) {
                    t[spec as usize] = Some(from);
                }
                for (&spec, &from) in specs.info_spec.iter().zip(&specs.info_from) {
                    t[spec as usize] = Some(from);
                }
                t
            },
            specs: specs.specs,
            msg_spec: specs.msg_spec,
            msg_attach: specs.msg_attach,
            msg_tip: specs.msg_tip,
            msg_ask: specs.msg_ask,
            msg_from: specs.msg_from,
            info_spec: specs.info_spec,
            info_deal: specs.info_deal,
            n_goods: ng,
            grain_by_kind: Default::default(),
            n_places: np,
            level,
            catalog,
            days: Vec::new(),
        };
        world.grain_by_kind = ["rice", "corn"].map(|id| {
            let pick: Vec<u16> = world
                .grain
                .iter()
                .copied()
                .filter(|&g| world.level.goods[g as usize].id == id)
                .collect();
            if pick.is_empty() {
                world.grain.clone()
            } else {
                pick
            }
        });
        world.days = (0..world.lv().days as i32)
            .map(|d| world.day_table(world.lv().start.plus_days(d)))
            .collect();
        Ok(world)
    }

    /// The dated values of one day (from the table when the day is inside the level).
    pub fn day_table(&self, date: Date) -> DayTable {
        let lv = self.lv();
        DayTable {
            base: (0..self.n_goods)
                .map(|g| self.base_price(g, date))
                .collect(),
            rates: self.rates(date),
            campaign: lv
                .campaigns
                .iter()
                .position(|c| c.from <= date && date <= c.to)
                .map(|c| c as u16),
        }
    }

    /// The grain goods a meal plan eats: rice or corn by id, else every grain good.
    pub fn grain_for(&self, grain: super::scenario::Grain) -> &[u16] {
        match grain {
            super::scenario::Grain::Rice => &self.grain_by_kind[0],
            _ => &self.grain_by_kind[1],
        }
    }

    /// The level's message an item is (its index), if it is one.
    pub fn message_of(&self, spec: u16) -> Option<usize> {
        self.msg_spec.iter().position(|&s| s == spec)
    }

    /// The level.
    pub fn lv(&self) -> &Level {
        &self.level
    }

    pub fn end_date(&self) -> Date {
        let lv = self.lv();
        lv.start.plus_days(lv.days as i32 - 1)
    }

    /// The dated price of a good (won per unit), linear between series points.
    pub fn base_price(&self, good: usize, date: Date) -> i64 {
        interpolate(&self.lv().goods[good].series, date, |p| (p.date, p.won))
    }

    /// Won per dollar and per yuan on a date.
    pub fn rates(&self, date: Date) -> (i64, i64) {
        let s = &self.lv().exchange.series;
        (
            interpolate(s, date, |p| (p.date, p.usd)),
            interpolate(s, date, |p| (p.date, p.cny)),
        )
    }
}

fn interpolate<T>(series: &[T], date: Date, f: impl Fn(&T) -> (Date, i64)) -> i64 {
    let i = series.partition_point(|p| f(p).0 <= date);
    if i == 0 {
        return f(&series[0]).1;
    }
    if i == series.len() {
        return f(&series[i - 1]).1;
    }
    let (d0, v0) = f(&series[i - 1]);
    let (d1, v1) = f(&series[i]);
    let span = (d1.0 - d0.0) as i64;
    v0 + (v1 - v0) * (date.0 - d0.0) as i64 / span
}

/// All-pairs next hop by walking minutes (Floyd–Warshall: maps have a few dozen places).
fn next_hops(level: &Level, adj: &[Vec<(u16, u16)>]) -> Vec<Vec<u16>> {
    let n = adj.len();
    let mut d = vec![vec![u32::MAX / 4; n]; n];
    let mut nx = vec![vec![0u16; n]; n];
    for (a, row) in nx.iter_mut().enumerate() {
        d[a][a] = 0;
        row[a] = a as u16;
        for &(b, r) in &adj[a] {
            let m = level.routes[r as usize].minutes;
            if m < d[a][b as usize] {
                d[a][b as usize] = m;
                row[b as usize] = b;
            }
        }
    }
    for k in 0..n {
        for i in 0..n {
            for j in 0..n {
                if d[i][k] + d[k][j] < d[i][j] {
                    d[i][j] = d[i][k] + d[k][j];
                    nx[i][j] = nx[i][k];
                }
            }
        }
    }
    nx
}

/// The map as the rules walk it: each place's (neighbour, route), and the next step on the
/// quickest way home (Dijkstra over route minutes; few places, a plain scan is enough).
type Graph = (Vec<Vec<(u16, u16)>>, Vec<Option<(u16, u16)>>);

fn routes(level: &Level, ids: &Ids) -> Result<Graph, String> {
    let np = level.places.len();
    let home = ids.place(&level.home)?;
    let mut adj = vec![Vec::new(); np];
    for (i, r) in level.routes.iter().enumerate() {
        let (a, b) = (ids.place(&r.from)?, ids.place(&r.to)?);
        adj[a as usize].push((b, i as u16));
        adj[b as usize].push((a, i as u16));
    }
    let mut dist = vec![u32::MAX; np];
    let mut way_home = vec![None; np];
    let mut done = vec![false; np];
    dist[home as usize] = 0;
    for _ in 0..np {
        let Some(u) = (0..np)
            .filter(|&i| !done[i] && dist[i] < u32::MAX)
            .min_by_key(|&i| dist[i])
        else {
            break;
        };
        done[u] = true;
        for &(v, r) in &adj[u] {
            let d = dist[u] + level.routes[r as usize].minutes;
            if d < dist[v as usize] {
                dist[v as usize] = d;
                way_home[v as usize] = Some((u as u16, r));
            }
        }
    }
    Ok((adj, way_home))
}

/// Every phone item the game can hold: the starting phone, then each message's thread and
/// attachment, then each information event's thread.
struct Specs {
    specs: Vec<ItemSpec>,
    msg_spec: Vec<u16>,
    msg_attach: Vec<Option<u16>>,
    msg_tip: Vec<Option<(u16, u16, u32)>>,
    msg_ask: Vec<Option<(u16, u32, u32)>>,
    msg_from: Vec<u16>,
    info_spec: Vec<u16>,
    info_from: Vec<u16>,
    info_deal: Vec<Option<(u16, u16, u32)>>,
}

/// A message or news thread, as a phone item from its sender.
fn thread(
    sender: &ItemSpec,
    id: &str,
    (body, gentle): (&Text, &Option<Text>),
    flags: &[Flag],
    business: u8,
    sentimental: u8,
) -> ItemSpec {
    ItemSpec {
        id: id.to_string(),
        kind: ItemKind::Thread,
        name: sender.name.clone(),
        body: body.clone(),
        gentle: gentle.clone(),
        storage: Storage::Internal,
        origin: Origin::Own,
        flags: flags.to_vec(),
        business,
        sentimental,
        knows: None,
        relative: sender.relative,
        face: sender.face,
        of: None,
    }
}

impl Specs {
    fn new(level: &Level, ids: &Ids) -> Result<Specs, String> {
        let tip = |t: &Option<Tip>| -> Result<Option<(u16, u16, u32)>, String> {
            t.as_ref()
                .map(|t| Ok((ids.good(&t.good)?, ids.place(&t.place)?, t.permille)))
                .transpose()
        };
        let mut s = Specs {
            specs: level.phone.clone(),
            msg_spec: Vec::new(),
            msg_attach: Vec::new(),
            msg_tip: Vec::new(),
            msg_ask: Vec::new(),
            msg_from: Vec::new(),
            info_spec: Vec::new(),
            info_from: Vec::new(),
            info_deal: Vec::new(),
        };
        for m in &level.messages {
            let sender = &level.phone[ids.contact(&m.from)?];
            s.msg_spec.push(s.specs.len() as u16);
            let (business, sentimental) = (
                if m.tip.is_some() { 6 } else { 1 },
                if sender.relative { 5 } else { 1 },
            );
            s.specs.push(thread(
                sender,
                &m.id,
                (&m.text, &m.gentle),
                &m.flags,
                business,
                sentimental,
            ));
            s.msg_tip.push(tip(&m.tip)?);
            let ask = match &m.ask {
                Some(a) => Some((ids.good(&a.good)?, a.kg, a.pays_permille)),
                None => None,
            };
            s.msg_ask.push(ask);
            s.msg_from.push(ids.contact(&m.from)? as u16);
            let attach = m.attachment.as_ref().map(|a| {
                s.specs.push(a.clone());
                s.specs.len() as u16 - 1
            });
            s.msg_attach.push(attach);
        }
        for e in &level.info_events {
            let sender = &level.phone[ids.contact(&e.from)?];
            s.info_spec.push(s.specs.len() as u16);
            let (business, sentimental) = (
                if e.forward_deal.is_some() { 4 } else { 0 },
                if sender.relative { 3 } else { 0 },
            );
            s.specs.push(thread(
                sender,
                &e.id,
                (&e.text, &e.gentle),
                &e.flags,
                business,
                sentimental,
            ));
            s.info_deal.push(tip(&e.forward_deal)?);
            s.info_from.push(ids.contact(&e.from)? as u16);
        }
        Ok(s)
    }
}
