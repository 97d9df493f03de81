//! The pictures drawn windowless: each shows what it must.

use super::people::SECURITY_JACKET;
use super::*;
use crate::rules::Flag;

/// The shapes `draw` paints in a `size` picture (egui's shapes, as the renderer gets them).
pub(super) fn painted(size: egui::Vec2, draw: impl Fn(&Painter, Rect)) -> Vec<Shape> {
    let ctx = egui::Context::default();
    super::super::setup(&ctx);
    let mut out = ctx.run_ui(egui::RawInput::default(), |ui| {
        let painter = ui.ctx().layer_painter(egui::LayerId::background());
        draw(&painter, Rect::from_min_size(pos2(0.0, 0.0), size));
    });
    // (egui insists that a frame's new textures are taken by a renderer.)
    out.textures_delta.clear();
    out.shapes.into_iter().map(|c| c.shape).collect()
}

/// The fill colours of what `draw` paints in a 600×190 picture.
pub(super) fn fills(draw: impl Fn(&Painter, Rect)) -> Vec<Color32> {
    fn walk(s: &Shape, out: &mut Vec<Color32>) {
        match s {
            Shape::Vec(v) => v.iter().for_each(|s| walk(s, out)),
            Shape::Rect(r) => out.push(r.fill),
            Shape::Circle(c) => out.push(c.fill),
            Shape::Ellipse(e) => out.push(e.fill),
            Shape::Path(p) => out.push(p.fill),
            Shape::Mesh(m) => out.extend(m.vertices.iter().map(|v| v.color)),
            _ => {}
        }
    }
    let mut colors = Vec::new();
    for shape in &painted(vec2(600.0, 190.0), draw) {
        walk(shape, &mut colors);
    }
    colors
}

/// A stop by `uniform` at `place` in the day's light, her looking as `trader` says, the
/// inspector stern, his hand out for the phone she holds.
pub(super) fn stop(uniform: Uniform, place: Option<crate::rules::PlaceKind>, trader: Mood) -> Stop {
    Stop {
        uniform,
        phone_in_hand: false,
        clutched: true,
        place,
        trader,
        inspector: Mood::Stern,
        light: Light::Day,
        found: 0,
        ended: None,
        kept_phone: true,
    }
}

/// The evening's bowls show the meal: rice in every bowl when the family ate, none
/// when they went without; a sick child has the cloth on the forehead.
#[test]
fn the_bowls_show_what_the_family_ate() {
    let rice = Color32::from_rgb(246, 244, 236);
    let family = [
        (TRADER, Mood::Well),
        (Face::Man, Mood::Well),
        (Face::Boy, Mood::Sick),
    ];
    let fed = fills(|p, r| {
        family_table(p, r, &family, Meal::Fed, Grain::Rice, None, None);
    });
    let without = fills(|p, r| {
        family_table(p, r, &family, Meal::WentWithout, Grain::Rice, None, None);
    });
    assert_eq!(
        fed.iter().filter(|&&c| c == rice).count(),
        2 * 3,
        "a bowl of rice each (its surface and its heap)"
    );
    assert!(
        !without.contains(&rice),
        "empty bowls when they went without"
    );
    assert!(
        fed.contains(&super::scenes::DAMP_CLOTH),
        "the sick child's cloth"
    );
}

/// The birthday video's thumbnail shows the framed portraits; an ordinary photo does not.
#[test]
fn the_portrait_on_the_wall_is_seen() {
    let frame = Color32::from_rgb(150, 120, 60);
    let video = fills(|p, r| thumbnail(p, r, true, Flag::Portrait.bit(), false));
    let photo = fills(|p, r| thumbnail(p, r, false, 0, false));
    assert_eq!(video.iter().filter(|&&c| c == frame).count(), 2);
    assert!(!photo.contains(&frame));
}

/// Every family member of every shipped level has a portrait, not a placeholder.
#[test]
fn every_family_member_has_a_face() {
    for name in ["01", "02", "03"] {
        let w = crate::content::load_level(name).expect("level");
        for m in &w.lv().family.members {
            assert_ne!(m.face, Face::Unknown, "{name}: {} has no face", m.name.en);
        }
    }
}

/// Who stops her can be told apart: the street team's uniform, cap band and armband, the
/// youth patrol's navy jacket with the armband and no cap, the State Security officer in a
/// dark jacket with neither uniform nor armband.
#[test]
fn each_kind_of_inspector_is_dressed_apart() {
    let dressed = |u: Uniform| fills(|p, r| stop_scene(p, r, stop(u, None, Mood::Well)));
    let (team, youth, security) = (
        dressed(Uniform::StreetTeam),
        dressed(Uniform::Youth),
        dressed(Uniform::Security),
    );
    let band = STATE_RED.gamma_multiply(0.85);
    assert!(team.contains(&UNIFORM) && team.contains(&STATE_RED) && team.contains(&band));
    assert!(!youth.contains(&UNIFORM) && youth.contains(&STATE_RED) && !youth.contains(&band));
    assert!(youth.contains(&Uniform::Youth.jacket()) && !team.contains(&Uniform::Youth.jacket()));
    assert!(!security.contains(&UNIFORM) && security.contains(&SECURITY_JACKET));
}

/// Each of the eight endings has a picture of its own: no two draw the same shapes.
#[test]
fn every_ending_has_its_own_picture() {
    use crate::rules::Ending as E;
    let all = [
        E::Thriving,
        E::FamilyFed,
        E::FamilyHungry,
        E::BusinessRuined,
        E::PhoneLost,
        E::StruggleSession,
        E::Arrested,
        E::InDebt,
    ];
    let members = [Face::Man, Face::Girl, Face::Boy];
    let pictures: Vec<Vec<Color32>> = all
        .iter()
        .map(|&e| fills(|p, r| ending_scene(p, r, e, &members, Grain::Corn, None, 14)))
        .collect();
    for i in 0..all.len() {
        assert!(pictures[i].len() > 10, "{:?} is drawn", all[i]);
        for j in 0..i {
            assert_ne!(pictures[i], pictures[j], "{:?} and {:?}", all[i], all[j]);
        }
    }
}

/// A stop shows where it happens: the bay behind a stop at the port, the town's blocks
/// behind one in the street, and each place's own drawing.
#[test]
fn a_stop_shows_where_it_happens() {
    use crate::rules::PlaceKind as K;
    let at = |k: K| fills(|p, r| stop_scene(p, r, stop(Uniform::StreetTeam, Some(k), Mood::Well)));
    let (port, street, market) = (at(K::Port), at(K::Street), at(K::Market));
    assert!(port.contains(&BAY) && !street.contains(&BAY));
    assert!(market.contains(&ROOF), "the market's roofs");
    assert_ne!(street, market);
}

/// Faces that feel (issue 35): each mood draws the same person differently — fear shows the
/// white of eyes turned aside, shame a flush and lowered eyes — and the stop shows her afraid while it
/// lasts.
#[test]
fn each_mood_is_a_different_face() {
    let moods = [
        Mood::Well,
        Mood::Hungry,
        Mood::Sick,
        Mood::Afraid,
        Mood::Relieved,
        Mood::Tired,
        Mood::Ashamed,
        Mood::Stern,
        Mood::Angry,
    ];
    // Everything painted, as text: shapes, places and colours.
    let drawn = |mood: Mood| -> String {
        let face = painted(vec2(120.0, 120.0), |p, r| portrait(p, r, TRADER, mood));
        format!("{face:?}")
    };
    let faces: Vec<String> = moods.iter().map(|m| drawn(*m)).collect();
    for (i, a) in faces.iter().enumerate() {
        for (j, b) in faces.iter().enumerate().skip(i + 1) {
            assert_ne!(a, b, "{:?} and {:?} draw the same face", moods[i], moods[j]);
        }
    }
    let white = super::face::EYE_WHITE;
    let afraid = fills(|p, r| portrait(p, r, TRADER, Mood::Afraid));
    assert!(afraid.contains(&white), "wide eyes in fear");
    // A calm face's eyes are open, their whites in the lid's shade: the full white is fear's.
    let calm = fills(|p, r| portrait(p, r, TRADER, Mood::Well));
    assert!(!calm.contains(&white));
    assert!(
        calm.contains(&super::face::EYE_SHADED),
        "open eyes, not dots"
    );
    // Shame: her eyes open and lowered (closed, the face read as content), no spots on the
    // cheeks (read as blushing, then as bruises), the head sunk lower than a calm one's.
    let flush = super::face::flush();
    let ashamed = fills(|p, r| portrait(p, r, TRADER, Mood::Ashamed));
    assert!(
        ashamed.contains(&super::face::EYE_SHADED),
        "eyes open, lowered"
    );
    assert!(!ashamed.contains(&flush) && !calm.contains(&flush));
    let head_y = |mood| {
        painted(vec2(120.0, 120.0), |p, r| portrait(p, r, TRADER, mood))
            .iter()
            .find_map(|s| match s {
                Shape::Ellipse(e) if e.stroke.color == super::figure::INK => Some(e.center.y),
                _ => None,
            })
            .expect("a head with its ink line")
    };
    assert!(
        head_y(Mood::Ashamed) > head_y(Mood::Well) + 3.0,
        "the head sunk in shame"
    );
    let stop = fills(|p, r| stop_scene(p, r, stop(Uniform::StreetTeam, None, Mood::Afraid)));
    assert!(stop.contains(&white), "at the stop she is afraid");
}

/// The inspector's face follows the stop: stern while he searches, angry once the search
/// found something or a bribe was refused; and his face is drawn as the mood says.
#[test]
fn the_inspector_is_angry_once_something_is_found() {
    use crate::rules::Event;
    let searched = |items: &[u32]| Event::Searched {
        items: items.into(),
        shots: Box::new([]),
        severity: 0,
    };
    assert_eq!(Stop::inspector_mood(&[searched(&[])]), Mood::Stern);
    assert_eq!(Stop::inspector_mood(&[searched(&[3])]), Mood::Angry);
    assert_eq!(Stop::inspector_mood(&[Event::HiddenSdFound]), Mood::Angry);
    let face = |mood| {
        fills(|p, r| {
            stop_scene(
                p,
                r,
                Stop {
                    inspector: mood,
                    ..stop(Uniform::Youth, None, Mood::Afraid)
                },
            )
        })
    };
    assert_ne!(face(Mood::Stern), face(Mood::Angry));
}

/// The light of the hour: a scene at dusk has a darker sky and lit windows; the morning's
/// differs from the evening's; the hours fall in the right light.
#[test]
fn scenes_take_the_light_of_the_hour() {
    use crate::rules::PlaceKind as K;
    assert_eq!(Light::at(7 * 60), Light::Morning);
    assert_eq!(Light::at(12 * 60), Light::Day);
    assert_eq!(Light::at(18 * 60), Light::Evening);
    assert_eq!(Light::at(21 * 60), Light::Dusk);
    let at = |light| {
        fills(|p, r| {
            stop_scene(
                p,
                r,
                Stop {
                    light,
                    ..stop(Uniform::StreetTeam, Some(K::Street), Mood::Afraid)
                },
            )
        })
    };
    let lamp = Color32::from_rgb(236, 196, 110);
    assert!(at(Light::Dusk).contains(&lamp), "windows lit at dusk");
    assert!(!at(Light::Day).contains(&lamp));
    assert_ne!(at(Light::Morning), at(Light::Evening));
}

/// The goods on the stall are told apart by their drawing: rice, corn, oil, sugar, MSG,
/// soybeans and pork each draw something different.
#[test]
fn each_good_is_drawn_its_own_way() {
    let ids = ["rice", "corn", "oil", "sugar", "msg", "beans", "pork"];
    let drawn: Vec<Vec<Color32>> = ids
        .iter()
        .map(|id| fills(|p, _| good(p, pos2(50.0, 100.0), 60.0, id)))
        .collect();
    for i in 0..ids.len() {
        assert!(drawn[i].len() >= 2, "{} is drawn", ids[i]);
        for j in 0..i {
            assert_ne!(drawn[i], drawn[j], "{} and {}", ids[i], ids[j]);
        }
    }
    // A place where goods are traded has its stall; home has none.
    let market = fills(|p, r| {
        place_scene(
            p,
            r,
            crate::rules::PlaceKind::Market,
            Light::Day,
            &ids,
            true,
        )
    });
    let bare =
        fills(|p, r| place_scene(p, r, crate::rules::PlaceKind::Market, Light::Day, &[], true));
    assert!(
        market.contains(&Color32::from_rgb(226, 182, 70)),
        "corn on the counter"
    );
    assert!(!bare.contains(&Color32::from_rgb(226, 182, 70)));
}

/// Steam rises from bowls with food in them, for a moment, and from none when the
/// family went without; a hungry evening's room has its bulb off.
#[test]
fn steam_rises_from_full_bowls_only() {
    let family = [(TRADER, Mood::Well), (Face::Girl, Mood::Well)];
    let lines = |meal, steam| {
        painted(vec2(600.0, 190.0), |p, r| {
            family_table(p, r, &family, meal, Grain::Rice, None, steam);
        })
        .iter()
        // (Open lines of the bowls' rims, or of steam's white: the faces' lids are lines too.)
        .filter(|s| {
            matches!(s, Shape::Path(p) if !p.closed && p.points.len() > 5 && {
                let c = match &p.stroke.color {
                    egui::epaint::ColorMode::Solid(c) => *c,
                    _ => Color32::TRANSPARENT,
                };
                c == Color32::from_rgb(150, 140, 126) || (c.r() == c.g() && c.g() == c.b())
            })
        })
        .count()
    };
    // (Each bowl's rim is a line too: the steam is what the moment adds.)
    let rims = lines(Meal::Fed, None);
    assert_eq!(rims, family.len(), "a rim a bowl, no steam");
    assert_eq!(
        lines(Meal::Fed, Some(0.4)) - rims,
        3 * family.len(),
        "three wisps a bowl"
    );
    assert_eq!(
        lines(Meal::WentWithout, Some(0.4)),
        lines(Meal::WentWithout, None),
        "no steam from empty bowls"
    );
    let glow = WALL.lerp_to_gamma(Color32::from_rgb(255, 248, 226), 0.6);
    let table = |meal| {
        fills(|p, r| {
            family_table(p, r, &family, meal, Grain::Rice, None, None);
        })
    };
    assert!(table(Meal::Fed).contains(&glow), "the bulb on");
    assert!(!table(Meal::WentWithout).contains(&glow), "the bulb off");
}

/// The morning's room shows how they woke (the sick one in bed, under the cloth) and the
/// level cards show their season (blossom in spring, snow in winter).
#[test]
fn the_morning_and_the_seasons_are_seen() {
    let cloth = super::scenes::DAMP_CLOTH;
    let family = |mood| {
        [
            (TRADER, Mood::Tired),
            (Face::Man, Mood::Tired),
            (Face::Boy, mood),
        ]
    };
    let sick = fills(|p, r| morning_room(p, r, &family(Mood::Sick)));
    let well = fills(|p, r| morning_room(p, r, &family(Mood::Tired)));
    assert!(sick.contains(&cloth), "the sick child in bed");
    assert!(!well.contains(&cloth));
    let blossom = Color32::from_rgb(236, 190, 200);
    let snow = Color32::from_rgb(238, 240, 244);
    let april = fills(|p, r| level_picture(p, r, 4, Light::Day));
    let november = fills(|p, r| level_picture(p, r, 11, Light::Evening));
    assert!(april.contains(&blossom) && !april.contains(&snow));
    assert!(november.contains(&snow) && !november.contains(&blossom));
}
