// The portal's timeout warning (WCAG 2.2.1 Timing Adjustable; docs/adr/0058).
// Progressive enhancement: without JavaScript the dialog never opens and nothing breaks; a
// message posted after the session timed out is kept on the server all the same.
// Nothing is written to localStorage, sessionStorage or cookies: after "Exit this page" the
// browser holds nothing of what was typed.

const dialog = document.getElementById('portal-timeout')

if (dialog && typeof dialog.showModal === 'function') {
  const form = dialog.querySelector('form')
  const warnSeconds = Number(dialog.dataset.warnSeconds) || 120
  let warnTimer = 0
  let endTimer = 0
  let opener = null

  const schedule = (secondsLeft) => {
    window.clearTimeout(warnTimer)
    window.clearTimeout(endTimer)
    warnTimer = window.setTimeout(open, Math.max(0, secondsLeft - warnSeconds) * 1000)
    endTimer = window.setTimeout(end, secondsLeft * 1000)
  }

  const open = () => {
    if (dialog.open) return
    opener = document.activeElement
    dialog.showModal() // a modal: its name and text are read out, the page behind is inert
    form.querySelector('button').focus() // Enter or Space is all "Stay signed in" needs
  }

  const close = () => {
    if (dialog.open) dialog.close()
    if (opener && typeof opener.focus === 'function') opener.focus()
    opener = null
  }

  // Time is up: a message being written is posted to be kept (not sent), else go to sign in.
  const end = () => {
    window.clearTimeout(warnTimer)
    window.clearTimeout(endTimer)
    const draftForm = document.querySelector('form[data-keeps-draft]')
    const field = draftForm && draftForm.querySelector('textarea')
    if (draftForm && field && field.value.trim()) {
      const flag = document.createElement('input')
      flag.type = 'hidden'
      flag.name = 'timed_out'
      flag.value = '1'
      draftForm.appendChild(flag)
      draftForm.submit()
    } else {
      window.location.assign(dialog.dataset.signedOutUrl)
    }
  }

  const extend = async (event) => {
    if (event) event.preventDefault()
    let response
    try {
      response = await window.fetch(form.action, {
        method: 'POST',
        body: new FormData(form),
        headers: { Accept: 'application/json' },
        credentials: 'same-origin'
      })
    } catch (error) {
      form.submit() // no network answer: a plain post, which comes back to this page
      return
    }
    if (response.redirected || !response.ok) {
      end() // already signed out (another tab, or the server's clock): keep what was typed
      return
    }
    const answer = await response.json()
    close()
    schedule(Number(answer.seconds_left))
  }

  form.addEventListener('submit', extend)
  dialog.addEventListener('cancel', extend) // Escape means "stay signed in", never "lose it"
  schedule(Number(dialog.dataset.secondsLeft))
}
