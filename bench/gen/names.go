package gen

// Names are for people to read; they have no effect on the rota and may
// repeat (IDs are unique).
var firstNames = []string{
	"Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Emma", "Kristina", "Elin", "Johanna",
	"Malin", "Sofia", "Linnea", "Ida", "Hanna", "Amira", "Fatima", "Sanna", "Maja", "Ebba",
	"Erik", "Lars", "Karl", "Anders", "Johan", "Per", "Mikael", "Ahmed", "Jonas", "Oskar",
	"Fredrik", "Daniel", "Ali", "Mattias", "Henrik", "Magnus", "Niklas", "Emil", "Viktor", "Hassan",
}

var lastNames = []string{
	"Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
	"Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson", "Lindberg",
	"Lindqvist", "Lindgren", "Berg", "Axelsson", "Bergström", "Lundberg", "Lind", "Lundgren",
	"Mohammed", "Ali", "Holm", "Sandberg", "Engström", "Forsberg", "Ekström", "Nyberg",
}
