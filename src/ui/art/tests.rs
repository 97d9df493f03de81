//! The pictures drawn windowless: each shows what it must.

use super::people::SECURITY_JACKET;
use super::*;
use crate::rules::Flag;

/// The fill colours of what `draw` paints (egui's shapes, as the renderer gets them).
fn fills(draw: impl Fn(&Painter, Rect)) -> Vec<Color32> {
    let ctx = egui::Context::default();
    super::super::setup(&ctx);
    let mut out = ctx.run_ui(egui::RawInput::default(), |ui| {
        let painter = ui.ctx().layer_painter(egui::LayerId::background());
        draw(
            &painter,
            Rect::from_min_size(pos2(0.0, 0.0), vec2(600.0, 190.0)),
        );
    });
    // (egui insists that a frame's new textures are taken by a renderer.)
    out.textures_delta.clear();
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
    for clipped in &out.shapes {
        walk(&clipped.shape, &mut colors);
    }
    colors
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
        family_table(p, r, &family, Meal::Fed, Grain::Rice, None);
    });
    let without = fills(|p, r| {
        family_table(p, r, &family, Meal::WentWithout, Grain::Rice, None);
    });
    assert_eq!(
        fed.iter().filter(|&&c| c == rice).count(),
        3,
        "a bowl of rice each"
    );
    assert!(
        !without.contains(&rice),
        "empty bowls when they went without"
    );
    let cloth = Color32::from_rgb(244, 244, 240);
    assert!(fed.contains(&cloth), "the sick child's cloth");
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

/// Who stops her can be told apart: the street team's cap band and armband, the youth
/// patrol's armband without a cap, the State Security officer in a dark jacket with
/// neither uniform nor armband.
#[test]
fn each_kind_of_inspector_is_dressed_apart() {
    let dressed = |u: Uniform| fills(|p, r| stop_scene(p, r, u, false, None, Mood::Well));
    let (team, youth, security) = (
        dressed(Uniform::StreetTeam),
        dressed(Uniform::Youth),
        dressed(Uniform::Security),
    );
    let band = STATE_RED.gamma_multiply(0.85);
    assert!(team.contains(&UNIFORM) && team.contains(&STATE_RED) && team.contains(&band));
    assert!(youth.contains(&UNIFORM) && youth.contains(&STATE_RED) && !youth.contains(&band));
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
        .map(|&e| fills(|p, r| ending_scene(p, r, e, &members, Grain::Corn, None)))
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
    let at = |k: K| fills(|p, r| stop_scene(p, r, Uniform::StreetTeam, false, Some(k), Mood::Well));
    let (port, street, market) = (at(K::Port), at(K::Street), at(K::Market));
    assert!(port.contains(&BAY) && !street.contains(&BAY));
    assert!(market.contains(&ROOF), "the market's roofs");
    assert_ne!(street, market);
}

/// Faces that feel (issue 35): each mood draws the same person differently — fear shows the
/// white of wide eyes, shame flushed cheeks — and the stop shows her afraid while it lasts.
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
    ];
    // Everything painted, as text: shapes, places and colours.
    let drawn = |mood: Mood| -> String {
        let ctx = egui::Context::default();
        super::super::setup(&ctx);
        let mut out = ctx.run_ui(egui::RawInput::default(), |ui| {
            let painter = ui.ctx().layer_painter(egui::LayerId::background());
            portrait(
                &painter,
                Rect::from_min_size(pos2(0.0, 0.0), vec2(120.0, 120.0)),
                TRADER,
                mood,
            );
        });
        out.textures_delta.clear();
        format!(
            "{:?}",
            out.shapes.iter().map(|c| &c.shape).collect::<Vec<_>>()
        )
    };
    let faces: Vec<String> = moods.iter().map(|m| drawn(*m)).collect();
    for (i, a) in faces.iter().enumerate() {
        for (j, b) in faces.iter().enumerate().skip(i + 1) {
            assert_ne!(a, b, "{:?} and {:?} draw the same face", moods[i], moods[j]);
        }
    }
    let white = Color32::from_rgb(246, 244, 238);
    let afraid = fills(|p, r| portrait(p, r, TRADER, Mood::Afraid));
    assert!(afraid.contains(&white), "wide eyes in fear");
    assert!(!fills(|p, r| portrait(p, r, TRADER, Mood::Well)).contains(&white));
    let flush = Color32::from_rgba_unmultiplied(214, 96, 90, 110);
    assert!(fills(|p, r| portrait(p, r, TRADER, Mood::Ashamed)).contains(&flush));
    let stop = fills(|p, r| stop_scene(p, r, Uniform::StreetTeam, false, None, Mood::Afraid));
    assert!(stop.contains(&white), "at the stop she is afraid");
}
