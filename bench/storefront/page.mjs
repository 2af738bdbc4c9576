// The product page bench/storefront.mjs loads: what a Dawn-like Shopify theme serves (written for
// this bench, not copied from Dawn) — a header with a menu and a cart link, a product gallery image
// (the page's LCP), title, price, variant picker, buy buttons, a description, a footer, under
// global CSS in Dawn's manner (62.5 % root, rem type, colour-scheme variables on body, .page-width,
// button styles). `embed` is the README's quick-start markup (test/helpers/quick-start.mjs), placed
// below the buy buttons, where an app block goes in Dawn's product section.
const GLOBAL_CSS = `
:root{--font-body-family:system-ui,-apple-system,"Segoe UI",sans-serif;--font-heading-family:Georgia,serif;--color-foreground:18,18,18;--color-background:255,255,255;--color-button:18,18,18;--color-button-text:255,255,255;--page-width:120rem;--buttons-radius:0px;--inputs-radius:0px;--spacing-sections-mobile:3.6rem}
*,*::before,*::after{box-sizing:inherit}
html{box-sizing:border-box;font-size:calc(var(--font-body-scale,1) * 62.5%);height:100%}
body{display:grid;grid-template-rows:auto auto 1fr auto;grid-template-columns:100%;min-height:100%;margin:0;font-size:1.5rem;letter-spacing:.06rem;line-height:calc(1 + .8 / var(--font-body-scale,1));font-family:var(--font-body-family);color:rgb(var(--color-foreground));background-color:rgb(var(--color-background))}
@media screen and (min-width:750px){body{font-size:1.6rem}}
h1,h2,h3{font-family:var(--font-heading-family);font-weight:400;letter-spacing:.06rem;color:rgb(var(--color-foreground));line-height:1.3;word-break:break-word}
h1{font-size:3rem}h2{font-size:2rem}
a{color:rgb(var(--color-foreground));text-underline-offset:.3rem}
img{max-width:100%;height:auto}
.page-width{max-width:var(--page-width);margin:0 auto;padding:0 1.5rem}
@media screen and (min-width:750px){.page-width{padding:0 5rem}}
.visually-hidden{position:absolute!important;overflow:hidden;width:1px;height:1px;margin:-1px;padding:0;border:0;clip:rect(0 0 0 0);word-wrap:normal!important}
.announcement-bar{background:rgb(var(--color-foreground));color:rgb(var(--color-background));text-align:center;font-size:1.2rem;padding:1rem 0;letter-spacing:.1rem}
.header{display:grid;grid-template-columns:1fr 2fr 1fr;align-items:center;padding:1rem 1.5rem;border-bottom:.1rem solid rgba(var(--color-foreground),.08)}
.header__heading{margin:0;text-align:center;font-size:2.4rem}
.header__icons{display:flex;justify-content:flex-end;gap:1.5rem}
.header__icon{display:inline-flex;width:4.4rem;height:4.4rem;align-items:center;justify-content:center}
.product{display:grid;gap:2.5rem;margin:var(--spacing-sections-mobile) 0}
@media screen and (min-width:750px){.product{grid-template-columns:1fr 1fr;gap:5rem}}
.product__media{position:relative;aspect-ratio:1;background:rgba(var(--color-foreground),.04)}
.product__media img{display:block;width:100%;height:100%;object-fit:cover}
.product__text{text-transform:uppercase;font-size:1.1rem;letter-spacing:.13rem;margin:0 0 1rem}
.price{font-size:1.8rem;letter-spacing:.1rem;margin:1rem 0 1.5rem}
.price__sale{color:rgb(var(--color-foreground))}.price__compare{opacity:.7;text-decoration:line-through;margin-inline-start:1rem;font-size:1.4rem}
fieldset{border:0;padding:0;margin:0 0 1.5rem}legend{margin-bottom:.8rem}
.product-form__input input[type=radio]{clip:rect(0,0,0,0);overflow:hidden;position:absolute;height:1px;width:1px}
.product-form__input label{display:inline-block;border:.1rem solid rgba(var(--color-foreground),.55);border-radius:4rem;padding:1rem 2rem;margin:.7rem .5rem .2rem 0;font-size:1.4rem;cursor:pointer}
.product-form__input input:checked+label{background:rgb(var(--color-foreground));color:rgb(var(--color-background))}
.quantity{display:inline-flex;border:.1rem solid rgba(var(--color-foreground),.55);min-height:4.5rem;margin-bottom:1.5rem}
.quantity button{width:4.5rem;background:none;border:0;font-size:1.8rem;color:inherit}.quantity input{width:5rem;text-align:center;border:0;font:inherit;color:inherit;background:none}
.button{display:inline-flex;justify-content:center;align-items:center;width:100%;min-height:4.6rem;padding:0 3rem;margin-bottom:1rem;border:0;border-radius:var(--buttons-radius);font:inherit;font-size:1.5rem;letter-spacing:.1rem;cursor:pointer;background:rgb(var(--color-button));color:rgb(var(--color-button-text))}
.button--secondary{background:transparent;color:rgb(var(--color-foreground));box-shadow:0 0 0 .1rem rgb(var(--color-foreground))}
.product__description{margin:2.5rem 0}
.product__accordion summary{display:flex;justify-content:space-between;padding:1.5rem 0;border-top:.1rem solid rgba(var(--color-foreground),.08);cursor:pointer;list-style:none}
.footer{border-top:.1rem solid rgba(var(--color-foreground),.08);padding:3rem 0;font-size:1.4rem;margin-top:5rem}
.footer ul{list-style:none;padding:0;display:grid;gap:.8rem}
`;

/** The page, with `head` (the embed's script tag, or nothing) and `embed` (its markup, or nothing). */
export function productPage({ head = '', embed = '' } = {}) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Linen shirt – Shore & Loom</title><meta name="description" content="Breathable linen shirt, cut for summer.">
<link rel="preload" as="image" href="/products/linen-shirt.jpg" fetchpriority="high">
<style>${GLOBAL_CSS}</style>
${head}
</head><body>
<div class="announcement-bar">Free shipping on orders over $75</div>
<header class="header page-width"><nav aria-label="Menu"><a href="/collections/all">Shop</a></nav>
<h1 class="header__heading"><a href="/">Shore &amp; Loom</a></h1>
<div class="header__icons"><a class="header__icon" href="/search" aria-label="Search">⌕</a><a class="header__icon" href="/cart" aria-label="Cart">🛒</a></div></header>
<main id="MainContent" class="page-width">
<section class="product">
<div class="product__media"><img src="/products/linen-shirt.jpg" alt="Linen shirt in sand" width="800" height="800" fetchpriority="high"></div>
<div class="product__info">
<p class="product__text">Shore &amp; Loom</p>
<h1>Linen shirt</h1>
<p class="price"><span class="price__sale">$59.00</span><s class="price__compare">$84.00</s></p>
<form action="/cart/add" method="post">
<fieldset class="product-form__input"><legend>Colour</legend>
<input type="radio" id="c-sand" name="Colour" value="Sand" checked><label for="c-sand">Sand</label>
<input type="radio" id="c-blue" name="Colour" value="Blue"><label for="c-blue">Blue</label>
<input type="radio" id="c-white" name="Colour" value="White"><label for="c-white">White</label></fieldset>
<fieldset class="product-form__input"><legend>Size</legend>
${['XS', 'S', 'M', 'L', 'XL'].map((size, i) => `<input type="radio" id="s-${size}" name="Size" value="${size}"${i === 2 ? ' checked' : ''}><label for="s-${size}">${size}</label>`).join('')}</fieldset>
<label for="qty" class="visually-hidden">Quantity</label>
<div class="quantity"><button type="button" aria-label="Decrease quantity">−</button><input id="qty" type="number" name="quantity" value="1" min="1"><button type="button" aria-label="Increase quantity">+</button></div>
<button type="submit" class="button">Add to cart</button>
<button type="button" class="button button--secondary">Buy it now</button>
</form>
${embed}
<div class="product__description"><p>Breathable European linen, garment-washed for a soft hand from the first wear. A relaxed cut with a camp collar, a chest pocket and a straight hem to wear in or out.</p>
<ul><li>100% linen, 170 g/m²</li><li>Corozo buttons</li><li>Machine wash cold, line dry</li></ul></div>
<details class="product__accordion"><summary>Materials &amp; care</summary><p>Wash at 30 °C with like colours. Iron while damp.</p></details>
<details class="product__accordion"><summary>Shipping &amp; returns</summary><p>Free returns within 30 days.</p></details>
</div></section>
</main>
<footer class="footer page-width"><ul><li><a href="/pages/about">About</a></li><li><a href="/pages/contact">Contact</a></li><li><a href="/policies/refund-policy">Refund policy</a></li></ul><p>© 2026 Shore &amp; Loom</p></footer>
</body></html>`;
}
