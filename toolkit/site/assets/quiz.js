/* coursekit quizzes: feedback for each answer, from the keyboard and for screen readers.
   Without JavaScript the answer stays in its <details> disclosure. No network. */
(function () {
  "use strict";

  function setup(quiz) {
    if (quiz.getAttribute("data-ck-ready")) return;
    quiz.setAttribute("data-ck-ready", "true");
    var button = quiz.querySelector(".ck-quiz__check");
    var feedback = quiz.querySelector(".ck-quiz__feedback");
    var explanation = quiz.querySelector(".ck-quiz__explanation");
    var answer = quiz.querySelector(".ck-quiz__answer");
    if (!button || !feedback) return;
    button.hidden = false;
    if (answer) answer.hidden = true;

    function say(text, right) {
      quiz.classList.remove("ck-quiz--right", "ck-quiz--wrong");
      if (right !== null) quiz.classList.add(right ? "ck-quiz--right" : "ck-quiz--wrong");
      /* Clear first so the same words are announced again on a second try. */
      feedback.textContent = "";
      window.setTimeout(function () { feedback.textContent = text; }, 50);
    }

    function check() {
      var inputs = quiz.querySelectorAll("input[type=radio], input[type=checkbox]");
      var chosen = [];
      var right = true;
      for (var i = 0; i < inputs.length; i++) {
        var input = inputs[i];
        var correct = input.getAttribute("data-ck-correct") === "true";
        input.parentNode.classList.remove("ck-quiz__option--right", "ck-quiz__option--wrong");
        if (input.checked) {
          chosen.push(input);
          input.parentNode.classList.add(correct ? "ck-quiz__option--right" : "ck-quiz__option--wrong");
        }
        if (input.checked !== correct) right = false;
      }
      if (!chosen.length) {
        say(quiz.getAttribute("data-ck-choose"), null);
        return;
      }
      /* The verdict only: the chosen answers are marked beside themselves, not read out again in quotes. */
      say(quiz.getAttribute(right ? "data-ck-right" : "data-ck-wrong"), right);
      if (explanation) explanation.hidden = !right;
    }

    button.addEventListener("click", check);
    quiz.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && event.target && (event.target.type === "radio" || event.target.type === "checkbox")) {
        event.preventDefault();
        check();
      }
    });
  }

  function init() {
    var quizzes = document.querySelectorAll("[data-ck-quiz]");
    for (var i = 0; i < quizzes.length; i++) setup(quizzes[i]);
  }

  /* Set up this page's quizzes straight away: opened from a file, Material's document$ may never fire. */
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
  /* Material's instant navigation swaps pages without reloading; document$ tells us (setup runs once per quiz). */
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  }
})();
