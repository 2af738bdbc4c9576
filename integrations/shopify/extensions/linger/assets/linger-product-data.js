// Hands the product a Liquid block wrote into `data-products` (JSON) to <linger-product>, whose
// `products` is a property only. Runs on load and again when the theme editor re-renders a section.
// Setting the property before the element is defined is fine: Lit applies it on upgrade.
(() => {
  const SELECTOR = 'linger-product[data-products]';

  function hydrate(root) {
    for (const element of root.querySelectorAll(SELECTOR)) {
      try {
        element.products = JSON.parse(element.getAttribute('data-products'));
      } catch (error) {
        console.warn('[linger] product block: data-products is not valid JSON', error);
      }
    }
  }

  hydrate(document);
  document.addEventListener('shopify:section:load', (event) => hydrate(event.target));
})();
