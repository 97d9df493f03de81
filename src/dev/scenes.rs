//! The tour's scenes (`tour --scenes`): every kind of place, a stop by each kind of
//! inspector, each ending, and each moment that moves, set up straight from the rules.

use super::tour::{act, read_cards, session};
use crate::rules::Action;
use crate::screens::{self, Do, Screen, Settings, handle};
use crate::session::Session;
use bevy::prelude::*;

/// The moments that move (issue 35, a little life), each pinned half-way in its picture:
/// her walk along a road, the phone's screenshot flash, a message arriving, steam over the
/// evening's bowls.
pub const MOMENTS: [&str; 4] = ["walk", "shot", "message", "steam"];

/// The pictures of the game, one each (`tour --scenes`): every kind of place as she stands
/// there, a stop by each kind of inspector, each ending, each moment that moves, and the
/// evening after a meagre night.
pub fn scenes() -> Vec<String> {
    use crate::rules::{InspectorKind, PlaceKind};
    let places = [
        PlaceKind::Home,
        PlaceKind::Market,
        PlaceKind::Alley,
        PlaceKind::Street,
        PlaceKind::Station,
        PlaceKind::Port,
        PlaceKind::Wholesale,
        PlaceKind::RepairStall,
        PlaceKind::CadreHouse,
    ];
    let kinds = [
        InspectorKind::JointCommand82,
        InspectorKind::YouthLeague,
        InspectorKind::StateSecurity,
    ];
    (places.iter().map(|k| format!("place-{}", slug(k))))
        .chain(kinds.iter().map(|k| format!("stop-{}", slug(k))))
        .chain(
            crate::rules::ENDINGS
                .iter()
                .map(|e| format!("ending-{}", e.key())),
        )
        .chain(MOMENTS.iter().map(|m| format!("moment-{m}")))
        .chain(std::iter::once("evening-meagre".to_string()))
        .collect()
}

/// A kind's name in a scene's name: `RepairStall` → `repairstall`.
fn slug(kind: &dyn std::fmt::Debug) -> String {
    format!("{kind:?}").to_lowercase()
}

/// A moment's change, once its screen has been seen as it was: the phone takes a
/// screenshot, a message arrives (a copy of her newest conversation, as a new one).
pub(super) fn moment_happens(world: &mut World, name: &str) {
    match name {
        // Reading on the phone until it takes a screenshot of it.
        "moment-shot" => {
            let item = session(world).state().phone.items.first().map(|i| i.id);
            for _ in 0..6 {
                let shots = session(world).state().shots_so_far().count();
                if let Some(item) = item {
                    act(world, Action::Read { item });
                }
                if session(world).state().shots_so_far().count() > shots {
                    break;
                }
            }
            read_cards(world);
        }
        "moment-message" => {
            let mut s = world.resource_mut::<Session>();
            let st = s.stage();
            let next = st.phone.items.iter().map(|i| i.id).max().unwrap_or(0) + 1;
            let newest = st
                .phone
                .items
                .iter()
                .filter(|i| i.kind == crate::rules::ItemKind::Thread)
                .max_by_key(|i| i.id)
                .cloned();
            if let Some(mut it) = newest {
                it.id = next;
                st.phone.items.push(it);
            }
        }
        _ => {}
    }
}

/// Sets up one of the [`scenes`]; false if `name` is not one.
pub(super) fn scene(world: &mut World, name: &str) -> bool {
    use crate::rules::ENDINGS;
    if !["place-", "stop-", "ending-", "moment-", "evening-"]
        .iter()
        .any(|p| name.starts_with(p))
    {
        return false;
    }
    let (level, seed) = {
        let st = world.resource::<Settings>();
        (st.setup.level.clone(), st.setup.seed)
    };
    let Ok(mut s) = Session::new(&level, seed) else {
        return false;
    };
    s.close_card(true);
    world.insert_resource(screens::Walking::default());
    let lv = s.state().world.clone();
    let lv = lv.lv();
    let to = if let Some(kind) = name.strip_prefix("place-") {
        // She stands there at eleven, the market open, with a little of every good, the
        // quantity at what she can carry (the widest the trade table gets) and the guide's
        // note read: the trade itself in view, at any scale (issue 31, point 1).
        if let Some(i) = lv.places.iter().position(|p| slug(&p.kind) == kind) {
            s.stage().place = i as u16;
        }
        s.stage().minute = crate::rules::MARKET_OPEN + 60;
        s.stage().stock.iter_mut().for_each(|q| *q = 7);
        screens::trade_scene(world, lv.carry_kg);
        Screen::Place
    } else if let Some(kind) = name.strip_prefix("stop-") {
        // The first game (from the settings' seed on) in which a walk round the town is
        // stopped by this kind of inspector: the rules' own stop, as a player meets it.
        let Some(found) = (0..300u64).find_map(|k| {
            let mut t = Session::new(&level, seed + k).ok()?;
            t.close_card(true);
            let n = lv.places.len() as u16;
            for step in 0..200u16 {
                if let Some(i) = &t.state().inspection {
                    let who = &lv.inspectors[i.inspector as usize];
                    return (slug(&who.kind) == kind).then_some(t);
                }
                if t.state().ending.is_some() {
                    return None;
                }
                let to = (t.state().place + 1 + step % 3) % n;
                if to != t.state().place {
                    t.act(Action::Travel { to });
                }
                t.close_card(true);
            }
            None
        }) else {
            return false;
        };
        s = found;
        Screen::Inspection
    } else if name == "evening-meagre" {
        // Porridge twice a day from the first night: the evening after a meagre night.
        s.act(Action::SetMeals {
            meals: crate::rules::Meals {
                grain: crate::rules::Grain::Porridge,
                count: 2,
            },
        });
        s.act(Action::EndDay);
        while s.card().is_some() {
            s.close_card(true);
        }
        Screen::Evening
    } else if let Some(m) = name.strip_prefix("moment-") {
        // On the main street, the market not yet open; the steam at the first evening.
        let street = lv.places.iter().position(|p| p.id == "street").unwrap_or(0) as u16;
        s.stage().place = street;
        match m {
            "walk" => {
                let to = s.state().world.adj[street as usize]
                    .first()
                    .map_or(0, |&(n, _)| n);
                world.insert_resource(screens::Walking::to(to));
                Screen::Street
            }
            "steam" => {
                s.act(Action::EndDay);
                while s.card().is_some() {
                    s.close_card(true);
                }
                Screen::Evening
            }
            _ => Screen::Street,
        }
    } else if let Some(key) = name.strip_prefix("ending-") {
        let Some(e) = ENDINGS.iter().find(|e| e.key() == key) else {
            return false;
        };
        s.stage().ending = Some(*e);
        Screen::Ending
    } else {
        return false;
    };
    world.insert_resource(s);
    handle(world, Do::Open(screens::Overlay::None));
    handle(world, Do::Go(to));
    true
}
