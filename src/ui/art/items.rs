//! What the phone holds, drawn: the gallery's and the files' thumbnails.

use super::*;

/// A gallery thumbnail, drawn so that what makes a file dangerous can be seen: a home video
/// with the leaders' portraits on the wall behind the family, a foreign drama on a screen,
/// a photo of a price list for the business, or an ordinary photo of people outdoors. A
/// video has a play mark.
pub fn thumbnail(p: &Painter, r: Rect, video: bool, flags: u8, business: bool) {
    use crate::rules::Flag;
    let has = |f: Flag| flags & f.bit() != 0;
    if has(Flag::Portrait) {
        home_room(p, r);
    } else if video && has(Flag::ForeignMedia) {
        dance_video(p, r);
    } else if has(Flag::ForeignMedia) || has(Flag::Foreign) {
        foreign_file(p, r, has(Flag::ForeignMedia));
    } else if business {
        price_list(p, r);
    } else {
        outdoors(p, r);
    }
    if video {
        play_mark(p, r);
    }
}

/// A person in a thumbnail: a body of `body`'s colour, standing at `c`, `h` tall.
fn figure(p: &Painter, c: Pos2, h: f32, body: Color32) {
    rect(
        p,
        pos2(c.x - h * 0.28, c.y - h * 0.45),
        pos2(c.x + h * 0.28, c.y),
        egui::CornerRadius::same((h * 0.15) as u8),
        body,
    );
    p.circle_filled(pos2(c.x, c.y - h * 0.62), h * 0.18, SKIN);
    p.circle_filled(pos2(c.x, c.y - h * 0.7), h * 0.15, HAIR);
}

/// A room at home: the two framed portraits high on the wall, the family below.
fn home_room(p: &Painter, r: Rect) {
    p.rect_filled(r, 2.0, WALL);
    for dx in [-0.14, 0.14] {
        let f = Rect::from_center_size(
            pos2(r.center().x + dx * r.width(), r.top() + r.height() * 0.26),
            vec2(r.width() * 0.2, r.height() * 0.34),
        );
        p.rect_filled(f, 0.0, Color32::from_rgb(150, 120, 60));
        p.rect_filled(f.shrink(1.5), 0.0, Color32::from_rgb(214, 204, 184));
        p.circle_filled(
            f.center() - vec2(0.0, f.height() * 0.1),
            f.width() * 0.22,
            SKIN_SHADE,
        );
        rect(
            p,
            pos2(
                f.center().x - f.width() * 0.3,
                f.center().y + f.height() * 0.1,
            ),
            pos2(f.center().x + f.width() * 0.3, f.bottom() - 1.5),
            0.0,
            Color32::from_rgb(60, 60, 64),
        );
    }
    rect(
        p,
        pos2(r.left(), r.top() + r.height() * 0.8),
        r.max,
        0.0,
        FLOOR,
    );
    let h = r.height() * 0.5;
    for (fx, body) in [
        (0.25, clothes(Face::Woman)),
        (0.45, clothes(Face::Boy)),
        (0.7, clothes(Face::Man)),
    ] {
        figure(
            p,
            pos2(r.left() + r.width() * fx, r.bottom() - 1.0),
            h,
            body,
        );
    }
}

/// A dance video from the South: three dancers in a row under coloured lights, arms up.
fn dance_video(p: &Painter, r: Rect) {
    p.rect_filled(r, 2.0, Color32::from_rgb(34, 30, 58));
    for (fx, glow) in [
        (0.2, Color32::from_rgb(230, 120, 170)),
        (0.5, Color32::from_rgb(120, 170, 240)),
        (0.8, Color32::from_rgb(240, 200, 110)),
    ] {
        let top = pos2(r.left() + r.width() * fx, r.top());
        fill(
            p,
            vec![
                top,
                pos2(top.x - r.width() * 0.12, r.bottom() - r.height() * 0.1),
                pos2(top.x + r.width() * 0.12, r.bottom() - r.height() * 0.1),
            ],
            glow.gamma_multiply(0.25),
        );
    }
    rect(
        p,
        pos2(r.left(), r.bottom() - r.height() * 0.1),
        r.max,
        0.0,
        Color32::from_rgb(70, 60, 90),
    );
    let h = r.height() * 0.55;
    for (fx, body) in [
        (0.3, Color32::from_rgb(230, 120, 170)),
        (0.5, Color32::from_rgb(250, 250, 250)),
        (0.7, Color32::from_rgb(120, 170, 240)),
    ] {
        let c = pos2(r.left() + r.width() * fx, r.bottom() - r.height() * 0.1);
        figure(p, c, h, body);
        // Arms up, in a V.
        let shoulder = pos2(c.x, c.y - h * 0.4);
        for dx in [-1.0, 1.0] {
            p.line_segment(
                [shoulder, pos2(c.x + dx * h * 0.3, c.y - h * 0.85)],
                Stroke::new((h * 0.08).max(1.0), SKIN),
            );
        }
    }
}

/// A foreign drama or film: bright colours, people close together, subtitles (`media`:
/// in its warmer glow).
fn foreign_file(p: &Painter, r: Rect, media: bool) {
    p.rect_filled(r, 2.0, Color32::from_rgb(40, 46, 70));
    let glow = if media {
        Color32::from_rgb(230, 150, 170)
    } else {
        Color32::from_rgb(220, 180, 90)
    };
    p.circle_filled(
        pos2(r.left() + r.width() * 0.8, r.top() + r.height() * 0.25),
        r.height() * 0.16,
        glow,
    );
    let h = r.height() * 0.62;
    figure(
        p,
        pos2(r.left() + r.width() * 0.38, r.bottom() - r.height() * 0.12),
        h,
        Color32::from_rgb(200, 200, 210),
    );
    figure(
        p,
        pos2(r.left() + r.width() * 0.58, r.bottom() - r.height() * 0.12),
        h,
        glow,
    );
    p.line_segment(
        [
            pos2(r.left() + r.width() * 0.2, r.bottom() - 3.0),
            pos2(r.right() - r.width() * 0.2, r.bottom() - 3.0),
        ],
        Stroke::new(2.0, Color32::from_rgb(240, 240, 200)),
    );
}

/// A sheet of figures: the stock list, the price board.
fn price_list(p: &Painter, r: Rect) {
    p.rect_filled(r, 2.0, Color32::from_rgb(120, 110, 96));
    let sheet = r.shrink2(vec2(r.width() * 0.2, 3.0));
    p.rect_filled(sheet, 1.0, Color32::from_rgb(240, 236, 222));
    for i in 0..5 {
        let y = sheet.top() + 5.0 + i as f32 * (sheet.height() - 8.0) / 4.0;
        p.line_segment(
            [pos2(sheet.left() + 4.0, y), pos2(sheet.center().x + 2.0, y)],
            Stroke::new(1.0, Color32::from_rgb(90, 90, 96)),
        );
        p.line_segment(
            [pos2(sheet.right() - 10.0, y), pos2(sheet.right() - 4.0, y)],
            Stroke::new(1.0, Color32::from_rgb(150, 40, 40)),
        );
    }
}

/// An ordinary photo outdoors: sky, a hill, two people.
fn outdoors(p: &Painter, r: Rect) {
    p.rect_filled(r, 2.0, Color32::from_rgb(170, 196, 214));
    dome(
        p,
        pos2(r.center().x, r.bottom()),
        vec2(r.width() * 0.7, r.height() * 0.45),
        Color32::from_rgb(120, 146, 100),
    );
    let h = r.height() * 0.55;
    figure(
        p,
        pos2(r.left() + r.width() * 0.42, r.bottom() - 1.0),
        h,
        clothes(Face::Girl),
    );
    figure(
        p,
        pos2(r.left() + r.width() * 0.6, r.bottom() - 1.0),
        h * 0.85,
        clothes(Face::Boy),
    );
}

/// A video's play mark over its thumbnail.
fn play_mark(p: &Painter, r: Rect) {
    let c = r.center();
    p.circle_filled(c, r.height() * 0.2, Color32::from_black_alpha(110));
    let k = r.height() * 0.1;
    fill(
        p,
        vec![
            c + vec2(-k * 0.7, -k),
            c + vec2(k * 1.1, 0.0),
            c + vec2(-k * 0.7, k),
        ],
        Color32::WHITE,
    );
}
