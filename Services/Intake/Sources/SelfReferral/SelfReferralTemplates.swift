/// The mustache templates of the self-referral pages (`{{ }}` escapes HTML) and their
/// stylesheet. The markup follows the GOV.UK Design System's components (error summary,
/// form groups, radios, date input, panel) so it reads and behaves as people expect.
enum SelfReferralTemplates {
  /// Every template by name; partials are included with `{{> name}}`.
  static let all: [(String, String)] = [
    ("header", header), ("footer", footer), ("errorSummary", errorSummary),
    ("question", question), ("start", start), ("details", details),
    ("confirmation", confirmation), ("problem", problem),
  ]

  static let header = """
    <!DOCTYPE html>
    <html lang="en-GB">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{pageTitle}} – Restorative justice – RJ Hub</title>
    <link rel="stylesheet" href="/self-referral/assets/form.css">
    </head>
    <body>
    <a href="#main-content" class="govuk-skip-link">Skip to main content</a>
    <header class="govuk-header"><div class="govuk-width-container">
    <span class="govuk-header__service">Restorative justice service</span>
    </div></header>
    <div class="govuk-width-container">
    <main class="govuk-main-wrapper" id="main-content">

    """

  static let footer = """
    </main>
    </div>
    <footer class="govuk-footer"><div class="govuk-width-container">
    <p>If you are in danger now, call 999. If you need support, Victim Support's free
    Supportline is open 24 hours: 08 08 16 89 111.</p>
    </div></footer>
    </body>
    </html>

    """

  static let errorSummary = """
    {{#hasErrors}}
    <div class="govuk-error-summary" aria-labelledby="error-summary-title" role="alert" tabindex="-1" autofocus>
    <h2 class="govuk-error-summary__title" id="error-summary-title">There is a problem</h2>
    <ul class="govuk-list govuk-error-summary__list">
    {{#errors}}
    <li><a href="#{{field}}">{{message}}</a></li>
    {{/errors}}
    </ul>
    </div>
    {{/hasErrors}}

    """

  static let question = """
    <div class="govuk-form-group{{#error}} govuk-form-group--error{{/error}}">
    {{#isText}}
    <label class="govuk-label" for="{{name}}">{{label}}{{#optional}} (optional){{/optional}}</label>
    {{#hint}}<div id="{{name}}-hint" class="govuk-hint">{{hint}}</div>{{/hint}}
    {{#error}}<p id="{{name}}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{error}}</p>{{/error}}
    <input class="govuk-input {{width}}{{#error}} govuk-input--error{{/error}}" id="{{name}}" name="{{name}}" type="{{type}}" value="{{value}}"{{#autocomplete}} autocomplete="{{autocomplete}}"{{/autocomplete}}{{#describedBy}} aria-describedby="{{describedBy}}"{{/describedBy}} spellcheck="false">
    {{/isText}}
    {{#isTextarea}}
    <label class="govuk-label" for="{{name}}">{{label}}{{#optional}} (optional){{/optional}}</label>
    {{#hint}}<div id="{{name}}-hint" class="govuk-hint">{{hint}}</div>{{/hint}}
    {{#error}}<p id="{{name}}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{error}}</p>{{/error}}
    <textarea class="govuk-textarea{{#error}} govuk-textarea--error{{/error}}" id="{{name}}" name="{{name}}" rows="4"{{#describedBy}} aria-describedby="{{describedBy}}"{{/describedBy}}>{{value}}</textarea>
    {{/isTextarea}}
    {{#isSelect}}
    <label class="govuk-label" for="{{name}}">{{label}}{{#optional}} (optional){{/optional}}</label>
    {{#hint}}<div id="{{name}}-hint" class="govuk-hint">{{hint}}</div>{{/hint}}
    {{#error}}<p id="{{name}}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{error}}</p>{{/error}}
    <select class="govuk-select{{#error}} govuk-select--error{{/error}}" id="{{name}}" name="{{name}}"{{#describedBy}} aria-describedby="{{describedBy}}"{{/describedBy}}>
    <option value="">Choose one</option>
    {{#options}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>
    {{/options}}
    </select>
    {{/isSelect}}
    {{#isDate}}
    <fieldset class="govuk-fieldset" role="group"{{#describedBy}} aria-describedby="{{describedBy}}"{{/describedBy}}>
    <legend class="govuk-fieldset__legend">{{label}}{{#optional}} (optional){{/optional}}</legend>
    {{#hint}}<div id="{{name}}-hint" class="govuk-hint">{{hint}}</div>{{/hint}}
    {{#error}}<p id="{{name}}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{error}}</p>{{/error}}
    <div class="govuk-date-input">
    {{#parts}}<div class="govuk-date-input__item">
    <label class="govuk-label govuk-date-input__label" for="{{id}}">{{label}}</label>
    <input class="govuk-input govuk-input--width-{{width}}{{#error}} govuk-input--error{{/error}}" id="{{id}}" name="{{id}}" type="text" inputmode="numeric" value="{{value}}">
    </div>
    {{/parts}}
    </div>
    </fieldset>
    {{/isDate}}
    {{#isRadios}}
    <fieldset class="govuk-fieldset"{{#describedBy}} aria-describedby="{{describedBy}}"{{/describedBy}}>
    <legend class="govuk-fieldset__legend">{{label}}{{#optional}} (optional){{/optional}}</legend>
    {{#hint}}<div id="{{name}}-hint" class="govuk-hint">{{hint}}</div>{{/hint}}
    {{#error}}<p id="{{name}}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{error}}</p>{{/error}}
    <div class="govuk-radios">
    {{#options}}<div class="govuk-radios__item">
    <input class="govuk-radios__input" id="{{id}}" name="{{name}}" type="radio" value="{{value}}"{{#checked}} checked{{/checked}}{{#optionHint}} aria-describedby="{{id}}-item-hint"{{/optionHint}}>
    <label class="govuk-label govuk-radios__label" for="{{id}}">{{label}}</label>
    {{#optionHint}}<div id="{{id}}-item-hint" class="govuk-hint govuk-radios__hint">{{optionHint}}</div>{{/optionHint}}
    </div>
    {{/options}}
    </div>
    </fieldset>
    {{/isRadios}}
    {{#isCheckbox}}
    <fieldset class="govuk-fieldset"{{#describedBy}} aria-describedby="{{describedBy}}"{{/describedBy}}>
    <legend class="govuk-fieldset__legend">{{label}}</legend>
    {{#hint}}<div id="{{name}}-hint" class="govuk-hint">{{hint}}</div>{{/hint}}
    {{#error}}<p id="{{name}}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{error}}</p>{{/error}}
    <div class="govuk-checkboxes"><div class="govuk-checkboxes__item">
    <input class="govuk-checkboxes__input" id="{{name}}" name="{{name}}" type="checkbox" value="yes"{{#checked}} checked{{/checked}}>
    <label class="govuk-label govuk-checkboxes__label" for="{{name}}">{{checkboxLabel}}</label>
    </div></div>
    </fieldset>
    {{/isCheckbox}}
    </div>

    """

  static let start = """
    {{> header}}
    {{> errorSummary}}
    <h1 class="govuk-heading-l">Ask for restorative justice</h1>
    <p class="govuk-body">Restorative justice gives people harmed by crime the chance to
    communicate with the person responsible, with the help of a trained facilitator. It is
    always voluntary and you can stop at any time.</p>
    <p class="govuk-body">It takes about 10 minutes to fill in this form. You do not need to have
    reported the crime to the police.</p>
    <form method="get" action="/self-referral/details" novalidate>
    {{#question}}{{> question}}{{/question}}
    <button type="submit" class="govuk-button" id="continue">Continue</button>
    </form>
    {{> footer}}
    """

  static let details = """
    {{> header}}
    {{> errorSummary}}
    <h1 class="govuk-heading-l">{{title}}</h1>
    <p class="govuk-body">Answer as much as you can. We will contact you to talk it through
    before anything happens.</p>
    <form method="post" action="/self-referral/details" novalidate>
    {{#hidden}}<input type="hidden" name="{{name}}" value="{{value}}">
    {{/hidden}}
    {{#sections}}
    <h2 class="govuk-heading-m">{{heading}}</h2>
    {{#questions}}{{> question}}{{/questions}}
    {{/sections}}
    <button type="submit" class="govuk-button" id="send">Send referral</button>
    </form>
    {{> footer}}
    """

  static let confirmation = """
    {{> header}}
    <div class="govuk-panel govuk-panel--confirmation">
    <h1 class="govuk-panel__title">Referral sent</h1>
    <div class="govuk-panel__body">Your reference number<br><strong id="reference">{{reference}}</strong></div>
    </div>
    <h2 class="govuk-heading-m">What happens next</h2>
    <p class="govuk-body">Someone from the restorative justice service will contact you within 5
    working days, in the way you told us is safe. Quote your reference number if you contact
    us.</p>
    <p class="govuk-body">You can change your mind at any time.</p>
    {{#team}}
    <h2 class="govuk-heading-m">Contact the {{name}} restorative justice team</h2>
    <ul class="govuk-list" id="area-contact">
    {{#phone}}<li>Telephone: {{phone}}</li>{{/phone}}
    {{#email}}<li>Email: <a class="govuk-link" href="mailto:{{email}}">{{email}}</a></li>{{/email}}
    {{#address}}<li>Post: {{address}}</li>{{/address}}
    </ul>
    {{/team}}
    {{> footer}}
    """

  static let problem = """
    {{> header}}
    <h1 class="govuk-heading-l">{{title}}</h1>
    <p class="govuk-body">{{explanation}}</p>
    <p class="govuk-body"><a class="govuk-link" href="/self-referral">Start again</a></p>
    {{> footer}}
    """

  /// The pages' stylesheet: the GOV.UK Design System's look in a few rules (no fonts or
  /// images fetched from elsewhere).
  static let stylesheet = """
    body{margin:0;font-family:Arial,sans-serif;font-size:19px;line-height:1.32;color:#0b0c0c;background:#fff}
    .govuk-width-container{max-width:960px;margin:0 15px}
    @media (min-width:40em){.govuk-width-container{margin:0 30px}}
    @media (min-width:1020px){.govuk-width-container{margin:0 auto}}
    .govuk-skip-link{position:absolute;left:-9999px}.govuk-skip-link:focus{position:static;background:#fd0;padding:10px}
    .govuk-header{background:#0b0c0c;color:#fff;padding:10px 0;border-bottom:10px solid #1d70b8}
    .govuk-header__service{font-weight:700;font-size:24px}
    .govuk-main-wrapper{display:block;padding:40px 0;max-width:640px}
    .govuk-footer{border-top:1px solid #b1b4b6;background:#f3f2f1;padding:25px 0;font-size:16px}
    .govuk-heading-l{font-size:36px;margin:0 0 30px}.govuk-heading-m{font-size:24px;margin:40px 0 20px}
    .govuk-body{margin:0 0 20px}.govuk-link{color:#1d70b8}
    .govuk-form-group{margin-bottom:30px}
    .govuk-form-group--error{padding-left:15px;border-left:5px solid #d4351c}
    .govuk-label,.govuk-fieldset__legend{display:block;margin-bottom:5px;font-weight:400}
    .govuk-fieldset{margin:0;padding:0;border:0}.govuk-fieldset__legend{font-weight:700}
    .govuk-hint{color:#505a5f;margin-bottom:15px}
    .govuk-error-message{color:#d4351c;font-weight:700;margin:0 0 15px}
    .govuk-visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
    .govuk-input,.govuk-textarea,.govuk-select{font:inherit;border:2px solid #0b0c0c;padding:5px;box-sizing:border-box}
    .govuk-input{width:100%;height:40px}.govuk-textarea{width:100%}
    .govuk-input--error,.govuk-textarea--error,.govuk-select--error{border-color:#d4351c}
    .govuk-input:focus,.govuk-textarea:focus,.govuk-select:focus,.govuk-radios__input:focus,.govuk-checkboxes__input:focus,.govuk-button:focus,a:focus{outline:3px solid #fd0;outline-offset:0;box-shadow:inset 0 0 0 2px}
    .govuk-\\!-width-two-thirds{width:66%}.govuk-input--width-20{max-width:41ex}.govuk-input--width-10{max-width:23ex}
    .govuk-input--width-2{max-width:5.4ex}.govuk-input--width-4{max-width:9ex}
    .govuk-date-input__item{display:inline-block;margin-right:20px}
    .govuk-radios__item,.govuk-checkboxes__item{margin-bottom:10px}
    .govuk-radios__input,.govuk-checkboxes__input{width:24px;height:24px;margin:0 10px 0 0;vertical-align:middle}
    .govuk-radios__label,.govuk-checkboxes__label{display:inline}
    .govuk-radios__hint{padding-left:34px;margin-bottom:5px}
    .govuk-button{font:inherit;color:#fff;background:#00703c;border:0;box-shadow:0 2px 0 #002d18;padding:8px 10px;cursor:pointer}
    .govuk-error-summary{color:#0b0c0c;padding:15px;margin-bottom:30px;border:5px solid #d4351c}
    .govuk-error-summary:focus{outline:3px solid #fd0}
    .govuk-error-summary__title{margin-top:0;font-size:24px}
    .govuk-error-summary__list{padding:0;list-style:none}.govuk-error-summary__list a{color:#d4351c;font-weight:700}
    .govuk-panel--confirmation{color:#fff;background:#00703c;padding:35px;margin-bottom:30px;text-align:center}
    .govuk-panel__title{margin-top:0;font-size:48px}.govuk-panel__body{font-size:36px}

    """
}
