// Progressive enhancement only: every page works without JavaScript.
import { initAll } from '/static/govuk/govuk-frontend.min.js'

initAll()

// A long list (the offences) becomes a searchable one: type a word or a code to narrow it.
// accessible-autocomplete (alphagov) is loaded before this module; without it, or without
// JavaScript, the plain select stays and works the same.
const autocomplete = window.accessibleAutocomplete
if (autocomplete) {
  for (const select of document.querySelectorAll('select[data-module="vc-autocomplete"]')) {
    autocomplete.enhanceSelectElement({
      selectElement: select,
      defaultValue: '',
      showAllValues: true,
      dropdownArrow: () => '',
      inputClasses: select.classList.contains('govuk-select--error') ? 'govuk-input--error' : null,
      tNoResults: () => 'No offence found: try another word or the code'
    })
  }
}
