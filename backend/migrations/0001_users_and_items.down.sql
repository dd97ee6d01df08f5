DROP TABLE items;
DROP TABLE users;
