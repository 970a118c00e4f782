// Small DOM helpers shared by the views' tables.

/** Appends one cell per value (as text) to the row and returns it. */
export function cells(tr, values) {
  for (const value of values) {
    const td = document.createElement('td');
    td.textContent = value;
    tr.appendChild(td);
  }
  return tr;
}

/** Replaces the rows of the table body with id {@code id}, one per item. */
export function fill(id, items, toRow) {
  document.getElementById(id).replaceChildren(...items.map(toRow));
}

/** Shows an error (an ApiError's reason) in the element with id {@code id}, or clears it with null. */
export function showError(id, error) {
  document.getElementById(id).textContent = error ? error.message : '';
}
